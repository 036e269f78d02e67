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
    const begin = () => this.dataSource.transaction(work);
    if (this.dataSource.options.type !== 'better-sqlite3') return begin();
    const run = this.queue.then(begin, begin);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
