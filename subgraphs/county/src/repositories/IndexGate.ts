/**
 * The one order of writes to the holder index: feed pages are applied one at a time (the person master merges
 * what several departments said of one person, and two concurrent merges would each miss the other's, and
 * deadlock on MySQL), and readers that must see the index as of one commit (the county's figures) run between
 * two pages. Its version moves with every change, so caches of figures know when to forget.
 */
export class IndexGate {
  /** Bumped on every applied page and every county input; caches of figures key on it. */
  version = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly appliedListeners: ((personIds: ReadonlySet<string> | 'everything') => void)[] = [];

  /** Runs `work` alone: nothing else passed through the gate runs while it does. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Calls `listener` after each applied page with the persons whose certificates, trainings or description it
   * changed, or with 'everything' when a replica fell too far behind the leader to know which.
   */
  onApplied(listener: (personIds: ReadonlySet<string> | 'everything') => void): void {
    this.appliedListeners.push(listener);
  }

  /** A page was applied: tell the listeners which persons it touched, and move the version. */
  applied(personIds: ReadonlySet<string> | 'everything'): void {
    for (const listener of this.appliedListeners) listener(personIds);
    this.version++;
  }

  /** Something the figures depend on changed (e.g. the employed population). */
  changed(): void {
    this.version++;
  }
}
