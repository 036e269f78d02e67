/**
 * npm run demo:replicas: the hub with two gateways behind HAProxy, sharing Redis, from a temp data
 * folder (removed at the end unless HUB_KEEP_DATA=1). Needs Debian's haproxy and redis-server
 * (HUB_REDIS_URL: use that Redis instead of starting one). More replicas: HUB_REPLICAS=gateway=3,hrss=2.
 * Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startReplicaDemo } from './lib/replicaDemo';

function binary(name: string, debianPackage: string): string {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} 未安装 not found: apt-get install -y ${debianPackage}`);
}

/** HUB_REPLICAS=gateway=3,hrss=2 → { gateway: 3, hrss: 2 }. */
function replicasFromEnv(raw: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (raw ?? '').split(',').filter(Boolean)) {
    const [slug, n] = part.split('=');
    if (!slug || !/^\d+$/.test(n ?? '') || Number(n) < 1) throw new Error(`HUB_REPLICAS: "${part}" is not <service>=<count>`);
    out[slug.trim()] = Number(n);
  }
  return out;
}

async function privateRedis(dataDir: string): Promise<{ url: string; stop: () => void }> {
  const port = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(p));
    });
  });
  const child = spawn(binary('redis-server', 'redis-server'), ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dataDir], { stdio: 'ignore' });
  await new Promise((resolve) => setTimeout(resolve, 300));
  if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-replicas-'));
  const redis = process.env.HUB_REDIS_URL ? { url: process.env.HUB_REDIS_URL, stop: () => undefined } : await privateRedis(dataDir);
  console.log(`数据目录 data folder: ${dataDir}`);
  const demo = await startReplicaDemo({
    dataDir,
    env: { ...process.env, HUB_DEMO_PERSONS: process.env.HUB_DEMO_PERSONS || '2000' },
    replicas: replicasFromEnv(process.env.HUB_REPLICAS),
    redisUrl: redis.url,
    haproxy: binary('haproxy', 'haproxy'),
    port: Number(process.env.HUB_REPLICAS_PORT || 0),
    onLine: (name, line) => process.stdout.write(`${`[${name}]`.padEnd(16)}${line}\n`),
  });
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    demo.stop().finally(() => {
      redis.stop();
      if (process.env.HUB_KEEP_DATA !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(code);
    });
  };
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  for (const p of demo.processes.values()) {
    p.child.once('exit', (code, signal) => {
      if (!stopping) console.error(`[${p.name}] exited (${signal ?? code}); HAProxy keeps serving with the rest`);
    });
  }
  const gateways = [...demo.processes.values()].filter((p) => p.slug === 'gateway');
  console.log(`\n濮阳县技能数据枢纽（多副本）已启动 the hub with replicas is up: ${demo.url}`);
  console.log(`网关 gateways: ${gateways.map((g) => `${g.name} pid ${g.child.pid} http://127.0.0.1:${g.port}`).join(', ')}`);
  console.log(`HAProxy 统计 stats: ${demo.statsUrl}   配置 config: ${demo.configFile}   Redis: ${redis.url}`);
  console.log(`令牌 token: HUB_DATA_DIR=${dataDir} npm run token -- --role county-admin\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
