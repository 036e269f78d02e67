import { createHash } from 'node:crypto';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { RedisServer, startRedisServer } from './fixtures/redisServer';
import { startHub, TestHub } from './fixtures/startHub';
import { requireBinary } from './fixtures/systemPackage';

/**
 * The gateway with HUB_REDIS_URL when that Redis dies and comes back: it keeps answering (no crash, no
 * 500, no hang), limits per process meanwhile, answers APQ hashes "not found" so the client sends the
 * text, reports Redis on /ready without failing it, and uses Redis again once it is back.
 */
const redisBinary = requireBinary('redis-server', 'redis-server');

(redisBinary ? describe : describe.skip)('the gateway when its Redis dies', () => {
  let redis: RedisServer;
  let hub: TestHub;
  let token: string;
  const query = '{ educationCertificates(first: 1) { pageInfo { hasNextPage } } }';
  const persisted = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } };
  const post = async (body: Record<string, unknown>) => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  };
  const ready = async () =>
    (await (await fetch(hub.gatewayUrl.replace(/\/graphql$/, '/ready'))).json()) as { status: string; redis?: string };

  beforeAll(async () => {
    redis = await startRedisServer(redisBinary!);
    hub = await startHub({ env: { HUB_REDIS_URL: redis.url, HUB_RATE_LIMIT_PER_SECOND: '1', HUB_RATE_LIMIT_BURST: '5' } });
    token = await mintToken({ subject: 'outage-clerk', role: 'COUNTY_ADMIN' }, hubSecretsFromEnv(hub.env, () => undefined).jwt);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    await redis?.stop();
  });

  it('answers, limits in memory and misses APQ while Redis is down, and uses it again when it is back', async () => {
    expect((await post({ query, extensions: persisted })).status).toBe(200);
    expect((await post({ extensions: persisted })).body.data).toBeDefined();
    expect((await ready()).redis).toBe('ok');

    redis.kill();
    await redis.stop();
    const started = Date.now();
    const miss = await post({ extensions: persisted });
    expect(miss.status).toBe(200);
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    // What an APQ client does next: the full text, answered.
    const full = await post({ query, extensions: persisted });
    expect(full.status).toBe(200);
    expect(full.body.data).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
    // The limit still holds, counted in this process: the burst of 5 from the in-memory counters, then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await post({ query })).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    // Redis is reported, readiness does not fail on it.
    const state = await ready();
    expect(state.redis).toBe('unreachable');
    expect(state.status).toBe('ok');

    redis = await startRedisServer(redisBinary!, redis.port);
    // The client reconnects by itself (back-off at most 2 s).
    const until = Date.now() + 10_000;
    while ((await ready()).redis !== 'ok') {
      if (Date.now() > until) throw new Error('the gateway did not reconnect to Redis within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await post({ query, extensions: persisted })).status).toBe(200);
    const again = await post({ extensions: persisted });
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data).toBeDefined();
  }, 60_000);
});
