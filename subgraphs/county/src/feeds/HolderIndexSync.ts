import { serviceBaseUrl } from '@hub/runtime';
import type { Logger } from '@hub/runtime';
import { PRINCIPAL_HEADER, requestPath, signCall } from '@hub/auth';
import { Department, departments, departmentSlug } from '@hub/vocabulary';
import type { FeedCursorRepository } from '../repositories/FeedCursorRepository';
import type { FeedChange, IndexWriter } from '../repositories/IndexWriter';
import { NotLeaderError } from '../repositories/IndexSequence';

export interface FeedPage {
  changes: FeedChange[];
  latestSeq: number;
}

/** Where the index reads one department's changes from. */
export type FeedSource = (after: number, limit: number) => Promise<FeedPage>;

/** A department's feed over HTTP (GET /changes on its subgraph), with a timeout. */
export function httpFeedSource(
  department: Department,
  signingKey: Buffer,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 15_000,
): FeedSource {
  return async (after, limit) => {
    const slug = departmentSlug[department];
    const url = `${serviceBaseUrl(slug, env)}/changes?after=${after}&limit=${limit}`;
    // The county service calls as the service role, signed for this one page of this department's feed.
    const principal = signCall({ subject: 'county-holder-index', role: 'SERVICE' }, signingKey, {
      audience: slug,
      method: 'GET',
      path: requestPath(url),
    });
    const response = await fetch(url, {
      headers: { [PRINCIPAL_HEADER]: principal },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`${department} change feed answered HTTP ${response.status}`);
    const body = (await response.json()) as FeedPage;
    return { changes: body.changes, latestSeq: body.latestSeq };
  };
}

export interface SyncOutcome {
  department: Department;
  applied: number;
  error?: string;
}

// The feed serves at most 5,000 changes a page; big pages make the first build from empty fast.
const PAGE = 5000;
/**
 * Full feed pages (a backlog) applied in one transaction. Person ids are random, so every page's rows land on index
 * pages all over the B-trees and each commit writes most of them to the WAL again; four pages per commit write
 * less per change (300,000 persons: about a quarter less CPU per change, BENCHMARKS.md "The index's apply rate"). Eight
 * did no better, and readers wait at the gate while one applies: four are about a second of work at the county's size.
 */
export const PAGES_PER_TRANSACTION = 4;

/**
 * Pulls every department's change feed into the holder index, continuously and on demand.
 * A department that is down keeps its cursor and is retried; nothing is lost or applied twice.
 */
export class HolderIndexSync {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SyncOutcome[]> | null = null;
  private readonly settledListeners: (() => Promise<unknown>)[] = [];

  constructor(
    private readonly writer: IndexWriter,
    private readonly cursors: FeedCursorRepository,
    private readonly sources: Record<Department, FeedSource>,
    private readonly log: Logger,
  ) {}

  /**
   * Syncs one department until its feed is drained. While the feed answers full pages, up to PAGES_PER_TRANSACTION
   * of them are applied together, all or nothing, with the cursor moved in the same transaction.
   */
  async syncDepartment(department: Department): Promise<SyncOutcome> {
    let applied = 0;
    try {
      for (;;) {
        const { changes, latestSeq, drained, failure } = await this.pull(department, await this.cursors.cursor(department));
        await this.writer.apply(department, changes, latestSeq);
        applied += changes.length;
        if (failure) throw failure.error;
        if (drained) return { department, applied };
      }
    } catch (error) {
      // A deposed leader's last page: the new leader pulls from the same cursor; nothing to record.
      if (error instanceof NotLeaderError) return { department, applied, error: error.message };
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn({ department, err: message }, '部门变更流同步失败 change feed sync failed');
      await this.cursors.recordFailure(department, message);
      return { department, applied, error: message };
    }
  }

  /**
   * The next pages of a department's feed after `after`: one, or more while each is full. A page that fails after
   * others were pulled is reported in `failure`, so that the pages before it are applied first.
   */
  private async pull(
    department: Department,
    after: number,
  ): Promise<{ changes: FeedChange[]; latestSeq: number; drained: boolean; failure?: { error: unknown } }> {
    const changes: FeedChange[] = [];
    let latestSeq = 0;
    for (let pages = 0; pages < PAGES_PER_TRANSACTION; pages++) {
      let page: FeedPage;
      try {
        page = await this.sources[department](after, PAGE);
      } catch (error) {
        if (!pages) throw error;
        return { changes, latestSeq, drained: true, failure: { error } };
      }
      latestSeq = Math.max(latestSeq, page.latestSeq);
      for (const change of page.changes) {
        changes.push(change);
        if (change.seq > after) after = change.seq;
      }
      if (page.changes.length < PAGE) return { changes, latestSeq, drained: true };
    }
    return { changes, latestSeq, drained: false };
  }

  /**
   * Syncs all departments, then (when anything was applied) runs the after-sync work, so that when a run
   * ends its changes are in the county's figures. Concurrent callers share one run.
   */
  syncAll(): Promise<SyncOutcome[]> {
    if (!this.running) {
      this.running = Promise.all(departments.map((d) => this.syncDepartment(d)))
        .then(async (outcomes) => {
          if (outcomes.some((o) => o.applied > 0)) await Promise.all(this.settledListeners.map((listener) => this.settle(listener)));
          return outcomes;
        })
        .finally(() => {
          this.running = null;
        });
    }
    return this.running;
  }

  /** Runs `listener` at the end of each sync that applied changes, every feed drained. */
  onSettled(listener: () => Promise<unknown>): void {
    this.settledListeners.push(listener);
  }

  /** After-sync work that fails is logged; the sync itself succeeded. */
  private async settle(listener: () => Promise<unknown>): Promise<void> {
    try {
      await listener();
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, '同步后的后续处理失败 after-sync work failed');
    }
  }

  start(intervalMs: number): void {
    const tick = () => {
      this.syncAll()
        .catch((error: unknown) => this.log.error({ err: error }, 'sync failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
