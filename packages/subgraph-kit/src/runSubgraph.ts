import { announceListening, limitHeapGrowth } from '@hub/runtime';
import type { Service } from './createService';
import type { Subgraph } from './createSubgraph';
import { seedDemoDataIfEmpty } from './seedDemoData';

/**
 * Process entry point of a service: migrate, seed demo data on a department's first start, listen, start the
 * background work, stop cleanly.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any service's context
export async function runSubgraph(hub: Service<any, any, any>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  limitHeapGrowth(env);
  try {
    await hub.init();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any department's context
    if ('definition' in hub) await seedDemoDataIfEmpty(hub as Subgraph<any>, env);
    await hub.listen();
    announceListening();
    await hub.start();
  } catch (error) {
    hub.log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    hub.log.info({ signal }, 'shutting down');
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
