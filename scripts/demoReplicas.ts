/**
 * npm run demo:replicas: the hub with two gateways and two county-service replicas behind HAProxy, the gateways
 * sharing Redis, from a temp data folder (removed at the end unless HUB_KEEP_DATA=1). Needs Debian's haproxy and
 * redis-server (HUB_REDIS_URL: use that Redis instead of starting one). Other counts: HUB_REPLICAS=gateway=3,county=3.
 * Ctrl-C stops everything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findBinary } from './lib/findBinary';
import { startRedisServer } from './lib/redisServer';
import { startReplicaDemo } from './lib/replicaDemo';

function binary(name: string, debianPackage: string): string {
  const found = findBinary(name);
  if (!found) throw new Error(`${name} 未安装 not found: apt-get install -y ${debianPackage}`);
  return found;
}

/** HUB_REPLICAS=gateway=3,county=2 → { gateway: 3, county: 2 }. */
function replicasFromEnv(raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (raw ?? '').split(',').filter(Boolean)) {
    const [slug, n] = part.split('=');
    if (!slug || !/^\d+$/.test(n ?? '') || Number(n) < 1) throw new Error(`HUB_REPLICAS: "${part}" is not <service>=<count>`);
    out[slug.trim()] = Number(n);
  }
  return out;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-replicas-'));
  const redis = process.env.HUB_REDIS_URL
    ? { url: process.env.HUB_REDIS_URL, stop: async () => undefined }
    : await startRedisServer(binary('redis-server', 'redis-server'));
  const cleanup = async () => {
    await redis.stop();
    if (process.env.HUB_KEEP_DATA !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
  };
  console.log(`数据目录 data folder: ${dataDir}`);
  const demo = await startReplicaDemo({
    dataDir,
    env: { ...process.env, HUB_DEMO_PERSONS: process.env.HUB_DEMO_PERSONS || '2000' },
    replicas: { gateway: 2, county: 2, ...replicasFromEnv(process.env.HUB_REPLICAS) },
    redisUrl: redis.url,
    haproxy: binary('haproxy', 'haproxy'),
    port: Number(process.env.HUB_REPLICAS_PORT || 0),
    onLine: (name, line) => process.stdout.write(`${`[${name}]`.padEnd(16)}${line}\n`),
  }).catch(async (error: unknown) => {
    await cleanup();
    throw error;
  });
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    void demo
      .stop()
      .then(cleanup)
      .finally(() => process.exit(code));
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  for (const p of demo.processes.values()) {
    p.child.once('exit', (code, signal) => {
      if (!stopping) console.error(`[${p.name}] exited (${signal ?? code}); HAProxy keeps serving with the rest`);
    });
  }
  const listed = (slug: string) =>
    [...demo.processes.values()]
      .filter((p) => p.slug === slug)
      .map((p) => `${p.name} pid ${p.child.pid} http://127.0.0.1:${p.port}`)
      .join(', ');
  console.log(`\n濮阳县技能数据枢纽（多副本）已启动 the hub with replicas is up: ${demo.url}`);
  console.log(`网关 gateways: ${listed('gateway')}`);
  // Which one pulls the feeds: hub_county_feed_leader 1 in its /metrics.
  console.log(`县统计服务 county service: ${listed('county')} (变更流主副本 the feed leader: /metrics hub_county_feed_leader)`);
  console.log(`HAProxy 统计 stats: ${demo.statsUrl}   配置 config: ${demo.configFile}   Redis: ${redis.url}`);
  console.log(`令牌 token: HUB_DATA_DIR=${dataDir} npm run token -- --role county-admin\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
