/**
 * npm run bench:replicas -- [--duration 10] [--warmup 2] [--connections 20] [--rounds 2]
 *
 * What sharing the gateway's state in Redis costs, in one run on an empty hub (HUB_DEMO=off): the same
 * cheap query (one department, one row) with autocannon against
 *   memory   a gateway without HUB_REDIS_URL (APQ store and rate limit in its memory),
 *   redis    one of the replicas, whose every request counts against the rate limit in Redis,
 *   haproxy  HAProxy in front of both replicas,
 * all over the same subgraph processes (scripts/lib/replicaDemo.ts), in turn for --rounds rounds (on a
 * busy machine one round says little). The rate limit is set high so that it counts but never refuses.
 * Then, in this process, what one rate-limit check and one APQ lookup cost: in memory and in Redis.
 * Prints Markdown tables for BENCHMARKS.md.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import pino from 'pino';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { RateLimiter } from '@hub/gateway/src/limits/RateLimiter';
import { sharedStateFromEnv } from '@hub/gateway/src/sharedStateFromEnv';
import { findBinary } from '../scripts/lib/findBinary';
import { freePort } from '../scripts/lib/freePort';
import { startRedisServer } from '../scripts/lib/redisServer';
import { startReplicaDemo } from '../scripts/lib/replicaDemo';
import { root } from '../scripts/lib/subgraphList';
import { runCannon } from './lib/cannon';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '2' },
  },
});

const QUERY = '{ educationCertificates(first: 1) { pageInfo { hasNextPage } } }';
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** p50/p99 in µs of `n` calls made one after another. */
async function timeCalls(n: number, call: (i: number) => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = process.hrtime.bigint();
    await call(i);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  times.sort((a, b) => a - b);
  return [percentile(times, 50), percentile(times, 99)];
}

/** One rate-limit check and one APQ lookup, in this process's memory and in Redis. */
async function perCall(redisUrl: string): Promise<string[]> {
  const log = pino({ level: 'silent' });
  const shared = sharedStateFromEnv({ HUB_REDIS_URL: redisUrl, HUB_REDIS_PREFIX: 'bench:' }, log)!;
  await shared.connect();
  try {
    const memoryLimiter = new RateLimiter(1e6, 1e6);
    const redisLimiter = shared.limiter(1e6, 1e6);
    const memoryApq = new InMemoryLRUCache<string>();
    await memoryApq.set('apq:known', QUERY);
    await shared.apqCache.set('apq:known', QUERY);
    const n = 5000;
    const [limitMemory] = await timeCalls(n, (i) => memoryLimiter.take(`sub:bench-${i % 200}`));
    const [limitRedis50, limitRedis99] = await timeCalls(n, (i) => redisLimiter.take(`sub:bench-${i % 200}`));
    const [apqMemory] = await timeCalls(n, () => memoryApq.get('apq:known'));
    const [apqRedis50, apqRedis99] = await timeCalls(n, () => shared.apqCache.get('apq:known'));
    const f = (us: number) => us.toFixed(1);
    return [
      `| rate-limit check | ${f(limitMemory)} | ${f(limitRedis50)} | ${f(limitRedis99)} |`,
      `| APQ lookup (hit) | ${f(apqMemory)} | ${f(apqRedis50)} | ${f(apqRedis99)} |`,
    ];
  } finally {
    await shared.close();
  }
}

async function main(): Promise<void> {
  const haproxy = findBinary('haproxy');
  const redisBinary = findBinary('redis-server');
  if (!haproxy || !redisBinary) throw new Error("needs Debian's haproxy and redis-server (apt-get install -y haproxy redis-server)");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-replicas-'));
  const redis = await startRedisServer(redisBinary);
  let memoryGateway: ChildProcess | undefined;
  const demo = await startReplicaDemo({
    dataDir,
    env: { ...process.env, HUB_DEMO: 'off', HUB_LOG_LEVEL: 'warn', HUB_RATE_LIMIT_PER_SECOND: '1000000', HUB_RATE_LIMIT_BURST: '1000000' },
    redisUrl: redis.url,
    haproxy,
  });
  try {
    const memoryPort = await freePort();
    const env: NodeJS.ProcessEnv = { ...demo.env, HUB_GATEWAY_PORT: String(memoryPort) };
    delete env.HUB_REDIS_URL;
    memoryGateway = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'gateway', 'src', 'index.ts')], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${memoryPort}/health`)).ok) break;
      } catch {
        if (i > 600) throw new Error('the in-memory gateway did not start');
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // 200 callers in turn: each request is its own execution (one caller's identical reads in flight
    // would be answered once, sharedReads.ts) and its own rate-limit counter.
    const jwt = hubSecretsFromEnv(demo.env, () => undefined).jwt;
    const requests = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => ({
        body: JSON.stringify({ query: QUERY }),
        headers: { authorization: `Bearer ${await mintToken({ subject: `bench-${i}`, role: 'COUNTY_ADMIN' }, jwt)}` },
      })),
    );
    const cases = [
      ['memory', `http://127.0.0.1:${memoryPort}/graphql`],
      ['redis', `http://127.0.0.1:${demo.processes.get('gateway1')!.port}/graphql`],
      ['haproxy', demo.url],
    ] as const;
    const connections = Number(values.connections);
    const rows: string[] = [];
    for (let round = 1; round <= Number(values.rounds); round++)
      for (const [name, url] of cases) {
        await runCannon({ url, requests }, connections, Number(values.warmup));
        const result = await runCannon({ url, requests }, connections, Number(values.duration));
        const sorted = [...result.latencies].sort((a, b) => a - b);
        const row = `| ${round} | ${name} | ${connections} | ${(result.count / result.durationS).toFixed(0)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${result.errors} |`;
        console.log(row);
        rows.push(row);
      }
    console.log(
      ['', '| round | target | connections | req/s | p50 ms | p99 ms | errors |', '|---|---|---|---|---|---|---|', ...rows].join('\n'),
    );
    console.log(
      ['', '| one call | in memory p50 µs | in Redis p50 µs | in Redis p99 µs |', '|---|---|---|---|', ...(await perCall(redis.url))].join(
        '\n',
      ),
    );
  } finally {
    memoryGateway?.kill('SIGTERM');
    await demo.stop();
    await redis.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
