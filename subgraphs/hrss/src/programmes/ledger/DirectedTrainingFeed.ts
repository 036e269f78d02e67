import type { CoreRepository } from '@hub/subgraph-kit';
import type { Logger } from '@hub/runtime';
import type { Department } from '@hub/vocabulary';
import type { FeedSource } from '../../sync/HolderIndexSync';
import type { DirectedTrainingRow, LedgerRepository, ProgrammeFeedCursorRow } from '../repositories/LedgerRepository';

/** 订单式/定向式 培训: a programme name says it is directed training (plan clause 2). */
export const DIRECTED_PROGRAMME = /订单|定向/;

const PAGE = 1000;

/**
 * Reads the change feeds of the departments that run directed training (education) with its own
 * cursor, and keeps their directed trainings: the holder index keeps no programme names. Applying a
 * page again changes nothing; a department that is down keeps its cursor and says so.
 */
export class DirectedTrainingFeed {
  private running: Promise<ProgrammeFeedCursorRow[]> | null = null;

  constructor(
    private readonly ledger: LedgerRepository,
    private readonly core: CoreRepository,
    private readonly sources: Partial<Record<Department, FeedSource>>,
    private readonly log: Logger,
  ) {}

  /** Starts a catch-up in the background (e.g. when the holder index saw new changes in the feed). */
  nudge(): void {
    this.catchUp().catch((error: unknown) => this.log.warn({ err: error }, '定向培训变更流读取失败 directed-training feed failed'));
  }

  /**
   * Catches up, but waits at most `maxWaitMs`: a first read of a long feed goes on in the background
   * and the caller gets the cursors as they are, with `catchingUp` set.
   */
  async freshen(maxWaitMs: number): Promise<{ cursors: ProgrammeFeedCursorRow[]; catchingUp: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    const run = this.catchUp().then((cursors) => ({ cursors, catchingUp: false }));
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), maxWaitMs);
    });
    try {
      return (await Promise.race([run, late])) ?? { cursors: await this.ledger.feedCursors(), catchingUp: true };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves when no catch-up is running (call before closing the database). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Pulls every source until drained; concurrent callers share one run. Returns each source's cursor. */
  catchUp(): Promise<ProgrammeFeedCursorRow[]> {
    if (!this.running) {
      this.running = (async () => {
        for (const department of Object.keys(this.sources) as Department[]) await this.catchUpDepartment(department);
        return this.ledger.feedCursors();
      })().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async catchUpDepartment(department: Department): Promise<void> {
    const source = this.sources[department]!;
    const now = () => new Date().toISOString();
    try {
      for (;;) {
        const after = await this.ledger.feedCursor(department);
        const page = await source(after, PAGE);
        const trainings = new Map<string, (typeof page.changes)[number]>();
        for (const change of page.changes) if (change.entity === 'training') trainings.set(change.entityId, change);
        const directed: DirectedTrainingRow[] = [];
        const notDirected: { trainingId: string; seq: number }[] = [];
        for (const change of trainings.values()) {
          const programme = String(change.record.programme ?? '');
          if (!DIRECTED_PROGRAMME.test(programme)) {
            notDirected.push({ trainingId: change.entityId, seq: change.seq });
            continue;
          }
          directed.push({
            department,
            trainingId: change.entityId,
            personId: change.personId,
            programme: programme.slice(0, 128),
            startDate: String(change.record.startDate),
            outcome: String(change.record.outcome),
            seq: change.seq,
          });
        }
        const lastSeq = Math.max(after, ...page.changes.map((c) => c.seq));
        await this.core.transaction(async (manager) => {
          await this.ledger.applyDirected(manager, department, directed, notDirected);
          await this.ledger.saveFeedCursor(manager, { department, lastSeq, lastSyncedAt: now(), lastAttemptAt: now(), lastError: null });
        });
        if (page.changes.length < PAGE) return;
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ department, err: message }, '定向培训变更流读取失败 directed-training feed failed');
      const lastSeq = await this.ledger.feedCursor(department);
      const before = (await this.ledger.feedCursors()).find((c) => c.department === department);
      await this.core.transaction((manager) =>
        this.ledger.saveFeedCursor(manager, { department, lastSeq, lastSyncedAt: before?.lastSyncedAt ?? null, lastAttemptAt: now(), lastError: message.slice(0, 255) }),
      );
    }
  }
}
