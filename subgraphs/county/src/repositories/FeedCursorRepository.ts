import type { DataSource, EntityManager } from 'typeorm';
import type { Transactions } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';

/** How far the index has read one department's change feed, and how the last attempt went. */
export interface FeedCursorRow {
  department: Department;
  lastSeq: number;
  latestSeq: number;
  lastSyncedAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
}

/** The feed cursors: one row per department, moved in the same transaction as the page it read. */
export class FeedCursorRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async cursors(): Promise<FeedCursorRow[]> {
    const rows = await this.dataSource.getRepository<FeedCursorRow>('FeedCursor').find();
    return rows.map((r) => ({ ...r, lastSeq: Number(r.lastSeq), latestSeq: Number(r.latestSeq) }));
  }

  async cursor(department: Department): Promise<number> {
    const row = await this.dataSource.getRepository<FeedCursorRow>('FeedCursor').findOneBy({ department });
    return row ? Number(row.lastSeq) : 0;
  }

  /** After a page: the cursor moves forward (never back) and the error clears. */
  async advance(manager: EntityManager, department: Department, seqs: number[], latestSeq: number): Promise<void> {
    const cursors = manager.getRepository<FeedCursorRow>('FeedCursor');
    const before = await cursors.findOneBy({ department });
    const lastSeq = Math.max(before ? Number(before.lastSeq) : 0, ...seqs);
    const now = new Date().toISOString();
    await cursors.save({
      department,
      lastSeq,
      latestSeq: Math.max(latestSeq, lastSeq),
      lastSyncedAt: now,
      lastAttemptAt: now,
      lastError: null,
    });
  }

  /** Remembers that a department could not be reached; its data and cursor stay as they were. */
  async recordFailure(department: Department, message: string): Promise<void> {
    await this.transactions.run(async (manager) => {
      const cursors = manager.getRepository<FeedCursorRow>('FeedCursor');
      const before = await cursors.findOneBy({ department });
      await cursors.save({
        department,
        lastSeq: before ? Number(before.lastSeq) : 0,
        latestSeq: before ? Number(before.latestSeq) : 0,
        lastSyncedAt: before?.lastSyncedAt ?? null,
        lastAttemptAt: new Date().toISOString(),
        lastError: message.slice(0, 255),
      });
    });
  }
}
