import pino from 'pino';
import { freePort } from '../../test/fixtures/freePort';
import { startRedisServer, testRedis } from '../../test/fixtures/redisServer';
import { requireBinary } from '../../test/fixtures/systemPackage';
import { checkRedisUrl, redactRedisUrl, SharedState, sharedStateFromEnv } from './sharedStateFromEnv';

const log = pino({ level: 'silent' });

describe('HUB_REDIS_URL', () => {
  it('is optional: without it the gateway keeps its state in memory', () => {
    expect(sharedStateFromEnv({}, log)).toBeNull();
  });

  it('must be a redis:// URL, with a password in production', () => {
    expect(() => checkRedisUrl('http://127.0.0.1:6379', {})).toThrow(/redis:\/\//);
    expect(() => checkRedisUrl('not a url', {})).toThrow(/not a URL/);
    expect(() => checkRedisUrl('redis://127.0.0.1:6379', { HUB_MODE: 'production' })).toThrow(/password/);
    expect(() => checkRedisUrl('redis://:s3cret@127.0.0.1:6379', { HUB_MODE: 'production' })).not.toThrow();
    expect(() => checkRedisUrl('redis://127.0.0.1:6379', {})).not.toThrow();
  });

  it('never shows the password in logs', () => {
    expect(redactRedisUrl('redis://:s3cret@10.0.0.5:6379/2')).not.toContain('s3cret');
    expect(redactRedisUrl('redis://user:s3cret@10.0.0.5:6379')).toContain('10.0.0.5');
  });
});

const redisBinary = requireBinary('redis-server', 'redis-server');

(redisBinary ? describe : describe.skip)('two gateways sharing one Redis', () => {
  let redis: Awaited<ReturnType<typeof testRedis>>;
  const states: SharedState[] = [];
  const open = async (url: string, extra: NodeJS.ProcessEnv = {}) => {
    const state = sharedStateFromEnv({ HUB_REDIS_URL: url, HUB_REDIS_PREFIX: `t${Math.random().toString(36).slice(2)}:`, ...extra }, log)!;
    states.push(state);
    await state.connect();
    return state;
  };

  beforeAll(async () => {
    redis = await testRedis(redisBinary!);
  });
  afterAll(async () => {
    await Promise.all(states.map((s) => s.close()));
    await redis?.stop();
  });

  it('count one client once: its budget is spent across both, not once on each', async () => {
    const prefix = `p${Date.now()}:`;
    const a = await open(redis.url, { HUB_REDIS_PREFIX: prefix });
    const b = await open(redis.url, { HUB_REDIS_PREFIX: prefix });
    const limitA = a.limiter(5, 5);
    const limitB = b.limiter(5, 5);
    const answers: boolean[] = [];
    for (let i = 0; i < 10; i++) answers.push(await (i % 2 ? limitA : limitB).take('sub:clerk-1'));
    expect(answers.filter(Boolean)).toHaveLength(5);
    // Another client has its own budget.
    expect(await limitA.take('sub:clerk-2')).toBe(true);
  });

  it('keep the burst above the sustained rate, as the in-memory bucket does', async () => {
    const prefix = `q${Date.now()}:`;
    const a = (await open(redis.url, { HUB_REDIS_PREFIX: prefix })).limiter(2, 6);
    const b = (await open(redis.url, { HUB_REDIS_PREFIX: prefix })).limiter(2, 6);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => Promise.resolve((i % 2 ? a : b).take('sub:burst'))));
    expect(answers.filter(Boolean)).toHaveLength(6);
  });

  it('find a persisted query registered through the other', async () => {
    const prefix = `r${Date.now()}:`;
    const a = await open(redis.url, { HUB_REDIS_PREFIX: prefix });
    const b = await open(redis.url, { HUB_REDIS_PREFIX: prefix });
    await a.apqCache.set('apq:abc', '{ countyProgress { holders } }', { ttl: 60 });
    expect(await b.apqCache.get('apq:abc')).toBe('{ countyProgress { holders } }');
    expect(await b.apqCache.get('apq:unknown')).toBeUndefined();
    expect(await b.state()).toBe('ok');
  });

  it('keep answering when Redis dies: the limit is counted per process, APQ misses, nothing hangs or throws', async () => {
    const own = await startRedisServer(redisBinary!);
    const state = await open(own.url);
    const limiter = state.limiter(3, 3);
    await state.apqCache.set('apq:x', '{ a }');
    expect(await state.apqCache.get('apq:x')).toBe('{ a }');
    own.kill();
    await own.stop();
    const started = Date.now();
    const answers: boolean[] = [];
    for (let i = 0; i < 6; i++) answers.push(await limiter.take('sub:during-outage'));
    // The insurance counter still limits: 3 of 6, not all of them and not none.
    expect(answers.filter(Boolean)).toHaveLength(3);
    expect(await state.apqCache.get('apq:x')).toBeUndefined();
    await expect(state.apqCache.set('apq:y', '{ b }')).resolves.not.toThrow();
    expect(await state.state()).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('start while Redis is down and limit in memory until it answers', async () => {
    const nothing = await freePort();
    const started = Date.now();
    const state = await open(`redis://127.0.0.1:${nothing}`);
    expect(Date.now() - started).toBeLessThan(3500);
    const limiter = state.limiter(2, 2);
    const answers = [await limiter.take('sub:x'), await limiter.take('sub:x'), await limiter.take('sub:x')];
    expect(answers).toEqual([true, true, false]);
    expect(await state.apqCache.get('apq:anything')).toBeUndefined();
  });
});
