import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ClientLimiter } from './RateLimiter';

export interface RedisRateLimiterOptions {
  /** Sustained requests per second per client. */
  perSecond: number;
  /** Requests a client may make at once (at least perSecond). */
  burst: number;
  /** Prefix of the counters' keys in Redis. */
  keyPrefix: string;
}

/**
 * The per-client rate limit shared by every gateway replica: counters in Redis (rate-limiter-flexible's
 * atomic INCR+EXPIRE script), so a client behind a load balancer gets its budget once, not once per
 * replica. `perSecond` per one-second window, plus (BurstyRateLimiter) `burst - perSecond` more per
 * `burst / perSecond` seconds: the same sustained rate and burst as the in-process token bucket.
 *
 * Redis down or slow (the client's command timeout): each counter falls back to an in-memory one of
 * the same size (the library's insuranceLimiter). That is fail-open toward the replicas, not toward
 * the client: every replica still limits, so a client gets at most its budget times the number of
 * replicas, and the county's one endpoint keeps answering. Failing closed would turn a Redis outage
 * into a hub outage; failing fully open would drop the departments' flood protection.
 */
export class RedisRateLimiter implements ClientLimiter {
  private readonly limiter: BurstyRateLimiter | RateLimiterRedis;

  constructor(storeClient: unknown, options: RedisRateLimiterOptions) {
    const perSecond = Math.max(1, Math.floor(options.perSecond));
    const extra = Math.max(0, Math.floor(options.burst) - perSecond);
    const counter = (name: string, points: number, duration: number) =>
      new RateLimiterRedis({
        storeClient,
        useRedisPackage: true,
        // Disconnected: count in memory at once instead of waiting for a command to fail.
        rejectIfRedisNotReady: true,
        keyPrefix: `${options.keyPrefix}:${name}`,
        points,
        duration,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${options.keyPrefix}:${name}`, points, duration }),
      });
    const sustained = counter('second', perSecond, 1);
    this.limiter =
      extra > 0 ? new BurstyRateLimiter(sustained, counter('burst', extra, Math.max(1, Math.ceil(options.burst / perSecond)))) : sustained;
  }

  async take(client: string): Promise<boolean> {
    try {
      await this.limiter.consume(client);
      return true;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return false;
      // Only a bug reaches here (store errors go to the insurance counter): this request fails, the process goes on.
      throw rejection;
    }
  }
}
