import type { Logger } from '@hub/runtime';
import type { Transactions } from '@hub/subgraph-kit';
import { updateRows } from '../repositories/updateRows';
import { FEEDS_LEASE } from '../repositories/IndexSequence';

export interface LeaseTiming {
  /** How often the leader renews and the others look (ms). */
  renewMs: number;
  /** How long the lease row must stay unchanged before another replica takes it (ms). */
  ttlMs: number;
}

/** HUB_LEASE_RENEW_MS (default 1 s) and HUB_LEASE_TTL_MS (default 5 s): a dead leader is replaced within about 6 s. */
export function leaseTimingFromEnv(env: NodeJS.ProcessEnv): LeaseTiming {
  const renewMs = Number(env.HUB_LEASE_RENEW_MS || 1000);
  const ttlMs = Number(env.HUB_LEASE_TTL_MS || 5000);
  if (!(renewMs > 0) || !(ttlMs >= 2 * renewMs))
    throw new Error('HUB_LEASE_TTL_MS 须至少为 HUB_LEASE_RENEW_MS 的两倍 must be at least twice HUB_LEASE_RENEW_MS');
  return { renewMs, ttlMs };
}

/** What becoming and ceasing to be the leader starts and stops (the feed puller). */
export interface LeaderWork {
  elected(): Promise<void>;
  deposed(): Promise<void>;
}

/**
 * Elects the one county-service replica that pulls the departments' feeds, with a lease row in the county's own
 * database (the same on SQLite and MySQL). The leader bumps the row's `beat` every renewMs; another replica
 * takes the row over when it has seen the same (holder, beat) for ttlMs on its own clock, by a compare-and-set
 * on that pair. No replica compares wall clocks, so clock skew between machines cannot elect two leaders;
 * and the leader's pages take their sequence number only while the row names it (IndexSequence), so a leader
 * that was paused and replaced cannot write after its successor.
 */
export class FeedLeadership {
  private leading = false;
  /** The lease row as last seen while following, and when (monotonic ms) it last changed. */
  private seen: { holder: string; beat: number; seq: number; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> = Promise.resolve();

  constructor(
    private readonly transactions: Transactions,
    readonly holderId: string,
    private readonly timing: LeaseTiming,
    private readonly work: LeaderWork,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** True between start() and stop(). */
  get electing(): boolean {
    return this.timer !== null;
  }

  /** One round: the leader renews (or learns it was replaced); another replica takes a free or expired lease. */
  tick(): Promise<void> {
    this.ticking = this.ticking
      .then(() => this.round())
      .catch((error: unknown) => {
        this.log.warn({ err: error instanceof Error ? error.message : String(error) }, '变更流租约检查失败 feed lease check failed');
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    if (this.leading) {
      const renewed = await this.update(`UPDATE index_lease SET beat = beat + 1 WHERE name = ? AND holder = ?`, [
        FEEDS_LEASE,
        this.holderId,
      ]);
      if (!renewed) await this.step(false, '失去变更流租约 lost the feed lease');
      return;
    }
    const row = await this.transactions.run(
      async (manager) =>
        (
          await manager.query<{ holder: string; beat: number | string; seq: number | string }[]>(
            `SELECT holder, beat, seq FROM index_lease WHERE name = ?`,
            [FEEDS_LEASE],
          )
        )[0],
    );
    if (!row) throw new Error('index_lease 缺少 feeds 行 the lease row is missing (migrations not run?)');
    const holder = String(row.holder);
    const beat = Number(row.beat);
    // A page being applied (seq) shows the leader alive as much as a renewal (beat): on MySQL a long page holds
    // the row's lock, and its renewal waits for it.
    const seq = Number(row.seq);
    const now = this.now();
    // Our own name on the row: a page of ours took a free lease (IndexSequence), or we restarted in place.
    const mine = holder === this.holderId;
    if (!mine && holder !== '' && (this.seen?.holder !== holder || this.seen.beat !== beat || this.seen.seq !== seq)) {
      this.seen = { holder, beat, seq, at: now };
      return;
    }
    if (!mine && holder !== '' && now - this.seen!.at < this.timing.ttlMs) return;
    const taken = await this.update(
      `UPDATE index_lease SET holder = ?, beat = beat + 1 WHERE name = ? AND holder = ? AND beat = ? AND seq = ?`,
      [this.holderId, FEEDS_LEASE, holder, beat, seq],
    );
    if (taken)
      await this.step(
        true,
        holder && !mine ? `接管变更流租约 took over the feed lease from ${holder}` : '取得变更流租约 took the feed lease',
      );
  }

  private async step(leading: boolean, message: string): Promise<void> {
    this.leading = leading;
    this.seen = null;
    this.log.info({ holder: this.holderId }, message);
    await (leading ? this.work.elected() : this.work.deposed());
  }

  /** Runs an UPDATE in its own transaction; true when it changed the row. */
  private update(sql: string, parameters: unknown[]): Promise<boolean> {
    return this.transactions.run(async (manager) => (await updateRows(manager, sql, parameters)) > 0);
  }

  start(): void {
    const loop = () => {
      void this.tick().finally(() => {
        if (this.timer) this.timer = setTimeout(loop, this.timing.renewMs);
      });
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops electing; a leader stops its work and frees the lease, so the next replica need not wait it out. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    if (!this.leading) return;
    this.leading = false;
    await this.work.deposed();
    await this.update(`UPDATE index_lease SET holder = '' WHERE name = ? AND holder = ?`, [FEEDS_LEASE, this.holderId]).catch(() => false);
  }
}
