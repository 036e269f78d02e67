import client from 'prom-client';
import type { CountyProgressService } from './CountyProgressService';

/** Holder-index freshness for Prometheus: seconds since each department last synced, and changes not yet applied. */
export function registerIndexMetrics(registry: client.Registry, progress: CountyProgressService): void {
  const pending = new client.Gauge({
    name: 'hub_holder_index_pending_changes',
    help: 'Changes a department had that the index had not applied at the last attempt',
    labelNames: ['department'] as const,
    registers: [registry],
  });
  const failing = new client.Gauge({
    name: 'hub_holder_index_sync_failing',
    help: '1 when the last sync attempt of a department failed',
    labelNames: ['department'] as const,
    registers: [registry],
  });
  new client.Gauge({
    name: 'hub_holder_index_lag_seconds',
    help: 'Seconds since the last successful sync of a department’s change feed',
    labelNames: ['department'] as const,
    registers: [registry],
    // One read of the cursors per scrape fills all three gauges.
    async collect() {
      for (const c of await progress.completeness()) {
        if (c.lagSeconds !== null) this.set({ department: c.department }, c.lagSeconds);
        pending.set({ department: c.department }, c.pendingChanges);
        failing.set({ department: c.department }, c.lastError ? 1 : 0);
      }
    },
  });
}
