import type { DataSource, EntityManager } from 'typeorm';
import { indexChange } from '../entities/sequenceTables';
import { IndexStatements } from './IndexStatements';
import { updateRows } from './updateRows';

/** The lease row's name. */
export const FEEDS_LEASE = 'feeds';
/** How many steps of the sequence index_change keeps; a follower further behind reads the index whole. */
const KEEP_STEPS = 2_000;
/** Above this many persons to catch up on, a follower reads the index whole instead. */
const MAX_CATCH_UP_ROWS = 200_000;

/** A replica that does not hold the feed lease tried to write the index (a deposed leader's last page). */
export class NotLeaderError extends Error {
  constructor(holderId: string) {
    super(`${holderId} 不持有变更流租约，不能写持证索引 does not hold the feed lease`);
    this.name = 'NotLeaderError';
  }
}

/** What changed in the index after a follower's last step. */
export type Catch =
  | { kind: 'none' }
  /** `othersSteps`: steps made by other replicas (a step with no persons is a county input). */
  | { kind: 'persons'; upTo: number; personIds: Set<string>; othersSteps: number }
  | { kind: 'everything'; upTo: number };

/**
 * The holder index's change sequence: one number moved in the same transaction as each applied page (with the
 * persons it touched) and each county input. The leader's page takes its number only while it holds the feed
 * lease (the same UPDATE checks it and locks the row until commit), so a deposed leader's page cannot land
 * after its successor's; followers read the numbers after theirs to know which persons to re-read.
 */
export class IndexSequence {
  /** Steps this process applied itself (its model already knows them); forgotten once followed. */
  private readonly own = new Set<number>();
  private readonly statements = new IndexStatements();

  constructor(
    private readonly dataSource: DataSource,
    readonly holderId: string,
  ) {}

  /**
   * In a page's transaction: the page's number, if this replica holds the lease. A free lease is taken (a single
   * process, and tests, need no election first).
   */
  async nextForLeader(manager: EntityManager): Promise<number> {
    const changed = await updateRows(manager, `UPDATE index_lease SET seq = seq + 1, holder = ? WHERE name = ? AND holder IN (?, '')`, [
      this.holderId,
      FEEDS_LEASE,
      this.holderId,
    ]);
    if (!changed) throw new NotLeaderError(this.holderId);
    return this.current(manager);
  }

  /** In a county input's transaction (any replica may write those): the change's number. */
  async nextForInput(manager: EntityManager): Promise<number> {
    await manager.query(`UPDATE index_lease SET seq = seq + 1 WHERE name = ?`, [FEEDS_LEASE]);
    return this.current(manager);
  }

  /** In the same transaction: the persons step `seq` touched; every so often, forgets old steps. */
  async record(manager: EntityManager, seq: number, personIds: Iterable<string>): Promise<void> {
    await this.statements.insert(
      manager,
      indexChange,
      [...personIds].map((personId) => ({ seq, personId })),
    );
    if (seq % 100 === 0 && seq > KEEP_STEPS) {
      await manager.query(`DELETE FROM index_change WHERE seq <= ?`, [seq - KEEP_STEPS]);
      await manager.query(`UPDATE index_lease SET pruned_through = ? WHERE name = ? AND pruned_through < ?`, [
        seq - KEEP_STEPS,
        FEEDS_LEASE,
        seq - KEEP_STEPS,
      ]);
    }
  }

  /** After commit: this process made step `seq` and its own model already follows it. */
  madeHere(seq: number): void {
    this.own.add(seq);
  }

  async current(manager: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = await manager.query<{ seq: number | string }[]>(`SELECT seq FROM index_lease WHERE name = ?`, [FEEDS_LEASE]);
    return Number(row?.seq ?? 0);
  }

  /** What changed after step `after` (steps this process made itself left out). */
  async since(after: number): Promise<Catch> {
    const [lease] = await this.dataSource.query<{ seq: number | string; pruned_through: number | string }[]>(
      `SELECT seq, pruned_through FROM index_lease WHERE name = ?`,
      [FEEDS_LEASE],
    );
    const upTo = Number(lease?.seq ?? 0);
    if (upTo <= after) return { kind: 'none' };
    if (after < Number(lease.pruned_through)) return this.followed(after, upTo, { kind: 'everything', upTo });
    const [{ n }] = await this.dataSource.query<{ n: number | string }[]>(
      `SELECT COUNT(*) AS n FROM index_change WHERE seq > ? AND seq <= ?`,
      [after, upTo],
    );
    if (Number(n) > MAX_CATCH_UP_ROWS) return this.followed(after, upTo, { kind: 'everything', upTo });
    const rows: { seq: number; person_id: string }[] = await this.dataSource.query(
      `SELECT seq, person_id FROM index_change WHERE seq > ? AND seq <= ?`,
      [after, upTo],
    );
    const personIds = new Set<string>();
    for (const row of rows) if (!this.own.has(Number(row.seq))) personIds.add(String(row.person_id));
    let ownSteps = 0;
    for (const seq of this.own) if (seq > after && seq <= upTo) ownSteps++;
    return this.followed(after, upTo, { kind: 'persons', upTo, personIds, othersSteps: upTo - after - ownSteps });
  }

  private followed(after: number, upTo: number, result: Catch): Catch {
    for (const seq of this.own) if (seq > after && seq <= upTo) this.own.delete(seq);
    return result;
  }
}
