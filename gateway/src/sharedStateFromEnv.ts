import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import KeyvRedis, { createClient, Keyv } from '@keyv/redis';
import { isProduction, Logger } from '@hub/runtime';
import { ClientLimiter } from './limits/RateLimiter';
import { RedisRateLimiter } from './limits/RedisRateLimiter';

/** What the gateway replicas share: registered persisted queries and each client's request budget. */
export interface SharedState {
  /** Apollo's APQ store (sha256 → query text), the same for every replica. */
  apqCache: KeyValueCache<string>;
  /** The per-client rate limiter, counted once across replicas. */
  limiter(perSecond: number, burst: number): ClientLimiter;
  /** 'ok' when Redis answers now; reported by /ready but never makes it fail (see readme: a Redis outage must not empty the load balancer). */
  state(): Promise<'ok' | 'unreachable'>;
  connect(): Promise<void>;
  close(): Promise<void>;
}

const num = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

/** The URL without its password, for logs and errors. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}

/**
 * Checks HUB_REDIS_URL: a redis:// or rediss:// URL; in production it must carry a password (a Redis
 * without AUTH lets anyone on the network reset every client's rate limit or plant persisted queries).
 */
export function checkRedisUrl(url: string, env: NodeJS.ProcessEnv): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`HUB_REDIS_URL is not a URL: ${redactRedisUrl(url)}`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new Error(`HUB_REDIS_URL must start with redis:// or rediss://, got ${parsed.protocol}`);
  if (isProduction(env) && !parsed.password) {
    throw new Error('生产模式下 HUB_REDIS_URL 必须带密码 (redis://:password@host:port): HUB_REDIS_URL needs a password in production');
  }
}

/**
 * Shared state for gateway replicas in Redis (HUB_REDIS_URL), or null without it: then each gateway
 * keeps its APQ store and rate limiter in memory, as a single gateway always did.
 *
 * The client never queues a command while disconnected and gives up on one after
 * HUB_REDIS_TIMEOUT_MS (default 250 ms), so a Redis outage costs a request a quarter of a second at
 * most, never a hang: the rate limiter then counts in this process (RedisRateLimiter's insurance) and
 * the APQ store answers "not found", which makes an APQ client send the full query (the protocol's own
 * fallback). The client reconnects by itself.
 */
export function sharedStateFromEnv(env: NodeJS.ProcessEnv, log: Logger): SharedState | null {
  const url = env.HUB_REDIS_URL;
  if (!url) return null;
  checkRedisUrl(url, env);
  const prefix = env.HUB_REDIS_PREFIX || 'hub:';
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout: num(env.HUB_REDIS_TIMEOUT_MS, 250) },
    socket: { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  });
  let lastWarned = 0;
  // Without a listener an 'error' would crash the process; one warning a minute is enough to see an outage.
  const warn = (error: unknown) => {
    if (Date.now() - lastWarned < 60_000) return;
    lastWarned = Date.now();
    log.warn(
      { err: error, redis: redactRedisUrl(url) },
      'Redis 不可用：限流按本进程计数，APQ 请客户端重发完整查询 (Redis unreachable: rate limit per process, APQ misses)',
    );
  };
  client.on('error', warn);
  const keyv = new Keyv<string>({
    store: new KeyvRedis(client, { throwOnConnectError: false, throwOnErrors: false }),
    namespace: `${prefix}apq`,
    useKeyPrefix: false,
  });
  keyv.on('error', warn);
  return {
    apqCache: new KeyvAdapter(keyv),
    limiter: (perSecond, burst) => new RedisRateLimiter(client, { perSecond, burst, keyPrefix: `${prefix}rate` }),
    async state() {
      try {
        return client.isReady && (await client.ping()) === 'PONG' ? 'ok' : 'unreachable';
      } catch {
        return 'unreachable';
      }
    },
    async connect() {
      // A gateway starting while Redis is down still starts (degraded, as above); the client keeps trying.
      await Promise.race([client.connect().catch(warn), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      if (!client.isReady) warn(new Error('Redis did not answer at start'));
    },
    async close() {
      // destroy, not quit: also stops a client still trying to reconnect, and waits for nothing.
      try {
        client.destroy();
      } catch {
        // never connected
      }
    },
  };
}
