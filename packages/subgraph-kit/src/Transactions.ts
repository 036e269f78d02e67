import type { DataSource, EntityManager } from 'typeorm';

/**
 * The transactions of one database handle. SQLite has a single connection: two transactions begun at once would
 * nest on it ("cannot start a transaction within a transaction"), so there they run one after another. MySQL's
 * pool gives each its own connection.
 */
export class Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.inTurn(() => this.dataSource.transaction(work));
  }

  /**
   * One statement, atomic by itself, outside any transaction: on SQLite it waits until no transaction is open on
   * the connection (or it would become part of that one, and be undone with it); elsewhere it runs at once.
   */
  statement<T = unknown>(sql: string, parameters: unknown[]): Promise<T> {
    return this.inTurn(() => this.dataSource.query<T>(sql, parameters));
  }

  private inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'better-sqlite3') return work();
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
