import type { IndexGate } from '../repositories/IndexGate';

/**
 * Answers computed from the holder index, kept until the index changes (its version moves) or the
 * cache is full. A failed computation is not kept.
 */
export class IndexVersionCache<T> {
  private entries = new Map<string, Promise<T>>();
  private version = -1;

  constructor(
    private readonly gate: IndexGate,
    private readonly capacity: number,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.version !== this.gate.version) {
      this.entries.clear();
      this.version = this.gate.version;
    }
    const cached = this.entries.get(key);
    if (cached) return cached;
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    const answer = compute();
    answer.catch(() => this.entries.delete(key));
    this.entries.set(key, answer);
    return answer;
  }
}
