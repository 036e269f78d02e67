/** A per-client request budget: in this process (RateLimiter) or shared by the gateway replicas (the gateway's RedisRateLimiter). */
export interface ClientLimiter {
  /** True when the client may make one more request now. */
  take(client: string): boolean | Promise<boolean>;
}

/** Token buckets per client: `perSecond` sustained, `burst` at once. Old buckets are forgotten. */
export class RateLimiter implements ClientLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** True when the client may make one more request now. */
  take(client: string, now = Date.now()): boolean {
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 10_000) this.forget(now);
    return allowed;
  }

  private forget(now: number): void {
    for (const [client, bucket] of this.buckets) if (now - bucket.at > 60_000) this.buckets.delete(client);
  }
}
