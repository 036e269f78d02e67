/**
 * The nonces of signed calls a service has accepted, each kept until its header would be refused as
 * too old anyway: a header captured on the wire and replayed verbatim meets its own nonce here.
 * Bounded: when full of live nonces it refuses new calls (fails closed) rather than forget one early.
 */
export class NonceLedger {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly maxEntries = 500_000) {}

  /** True the first time a nonce is offered (and remembers it until `expiresAt`), false ever after. */
  firstSight(nonce: string, expiresAt: number, now = Date.now()): boolean {
    if (now >= this.nextSweep) this.sweep(now);
    if (this.seen.has(nonce)) return false;
    if (this.seen.size >= this.maxEntries) return false;
    this.seen.set(nonce, expiresAt);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  /** Forgets expired nonces; at most once a second, so a busy service does not walk the map per call. */
  private sweep(now: number): void {
    this.nextSweep = now + 1000;
    for (const [nonce, expiresAt] of this.seen) if (expiresAt <= now) this.seen.delete(nonce);
  }
}
