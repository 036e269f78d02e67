import type { DataSource } from 'typeorm';
import type { Logger } from '@hub/runtime';
import { chunks, institutionKey, Transactions } from '@hub/subgraph-kit';
import { Department, departments } from '@hub/vocabulary';
import type { FeedChange } from '../repositories/IndexWriter';
import type { FeedSource } from './HolderIndexSync';

export interface BackfillOutcome {
  /** Rows given their provider. */
  filled: number;
  /** Departments whose feed did not answer: run again later. */
  pending: Department[];
}

const PAGE = 5000;

/**
 * Gives the trainings indexed before the index kept providers (migration 1765400000000-TrainingProvider) their
 * provider, by reading each such department's change feed once from its start. A row is filled only from the change
 * it reflects (same seq) and only while still empty, so a newer change the sync applies meanwhile is never
 * overwritten and a second run changes nothing. A row its feed has no provider for is marked '' (not known) after a
 * whole pass. Idempotent; nothing to read on an index built since.
 */
export class TrainingProviderBackfill {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly sources: Record<Department, FeedSource>,
    private readonly log: Logger,
  ) {}

  async run(): Promise<BackfillOutcome> {
    let filled = 0;
    const pending: Department[] = [];
    for (const department of departments) {
      try {
        filled += await this.department(department);
      } catch (error) {
        pending.push(department);
        this.log.warn(
          { department, err: error instanceof Error ? error.message : String(error) },
          '培训机构回填暂缓 training provider backfill deferred',
        );
      }
    }
    if (filled) this.log.info({ filled }, '已回填培训机构 training providers backfilled');
    return { filled, pending };
  }

  private async department(department: Department): Promise<number> {
    const rows: { id: string; seq: number }[] = await this.dataSource.query(
      'SELECT training_id AS id, seq FROM training_fact WHERE department = ? AND provider IS NULL',
      [department],
    );
    // training id → the seq of the change the row reflects.
    const missing = new Map(rows.map((r) => [String(r.id), Number(r.seq)]));
    let filled = 0;
    for (let after = 0; missing.size;) {
      const page = await this.sources[department](after, PAGE);
      const fills = page.changes.filter(
        (c) => c.entity === 'training' && missing.get(c.entityId) === c.seq && typeof c.record.provider === 'string' && c.record.provider,
      );
      // One statement per provider and 200 rows: a county has few providers, and row by row took 16 s for 20,000 on MariaDB (now 1.6 s; SQLite 0.5 s).
      const byProvider = new Map<string, FeedChange[]>();
      for (const c of fills) {
        const provider = String(c.record.provider);
        if (!byProvider.has(provider)) byProvider.set(provider, []);
        byProvider.get(provider)!.push(c);
      }
      if (fills.length) {
        await this.transactions.run(async (manager) => {
          for (const [provider, changes] of byProvider) {
            for (const part of chunks(changes, 200)) {
              await manager.query(
                // A seq is one change of one training, so the two lists pair each row with its own change.
                `UPDATE training_fact SET provider = ?, provider_key = ? WHERE department = ? AND provider IS NULL
               AND training_id IN (${part.map(() => '?').join(',')}) AND seq IN (${part.map(() => '?').join(',')})`,
                [provider.slice(0, 128), institutionKey(provider), department, ...part.map((c) => c.entityId), ...part.map((c) => c.seq)],
              );
            }
          }
        });
      }
      for (const c of fills) missing.delete(c.entityId);
      filled += fills.length;
      if (page.changes.length < PAGE) break;
      after = Math.max(after, ...page.changes.map((c) => c.seq));
    }
    // The feed read whole has no provider for these (a change written without one): '' says so, and no later start
    // reads the feed again for them.
    for (const part of chunks([...missing.keys()])) {
      await this.transactions.run((manager) =>
        manager.query(
          `UPDATE training_fact SET provider = '' WHERE department = ? AND provider IS NULL AND training_id IN (${part.map(() => '?').join(',')})`,
          [department, ...part],
        ),
      );
    }
    return filled;
  }
}
