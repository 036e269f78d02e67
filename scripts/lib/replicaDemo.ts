import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { internalPort, isProduction } from '@hub/runtime';
import { devSecretsEnv } from './devSecrets';
import { freePort } from './freePort';
import { BalancedService, haproxyConfig, ReplicaAddress } from './haproxyConfig';
import { root, subgraphList } from './subgraphList';

const envKey = (slug: string) => slug.toUpperCase().replace(/-/g, '_');

/** One started process of the hub (a subgraph or gateway replica) or HAProxy. */
export interface ReplicaProcess {
  /** e.g. gateway1, hrss, county2. */
  name: string;
  slug: string;
  port: number;
  child: ChildProcess;
}

export interface ReplicaDemoOptions {
  /** Where the SQLite files and development secrets go (a fresh temp folder for a demo). */
  dataDir: string;
  /** The environment of every process (HUB_DB=mysql and friends pass through). */
  env?: NodeJS.ProcessEnv;
  /** Processes per service; a service not named has one. Default: two gateways. */
  replicas?: Record<string, number>;
  /** Redis for the gateways (required: replicas without shared state would each have their own limit). */
  redisUrl: string;
  /** The HAProxy binary (Debian's haproxy). */
  haproxy: string;
  /** HAProxy's public port (0: a free one). */
  port?: number;
  /** Health-check interval in ms (default 1000). */
  checkIntervalMs?: number;
  /** Each process's log lines; default: dropped. */
  onLine?: (name: string, line: string) => void;
  /** How long the services may take to become healthy (default 120 s: six cold tsx starts on two cores). */
  startTimeoutMs?: number;
}

export interface ReplicaDemo {
  /** The hub's one address: HAProxy's, e.g. http://127.0.0.1:4400/graphql. */
  url: string;
  /** HAProxy's statistics (CSV at `${statsUrl};csv`). */
  statsUrl: string;
  /** Every process started, by name. */
  processes: Map<string, ReplicaProcess>;
  /** The environment the services share (secrets, ports, Redis): for minting tokens in a test. */
  env: NodeJS.ProcessEnv;
  /** The generated HAProxy configuration file. */
  configFile: string;
  stop(): Promise<void>;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${url}: the process exited (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The hub with replicas, on one machine: every subgraph that `npm start` starts (subgraphList, so a new
 * department or the county service is included without a change here), `replicas[slug]` processes of
 * each (default: one, and two gateways), and HAProxy in front of every service that has more than one.
 * The gateways share Redis (APQ store, rate limit) and reach a replicated subgraph through HAProxy.
 * Ports are free ones; nothing else on the machine is touched.
 */
export async function startReplicaDemo(options: ReplicaDemoOptions): Promise<ReplicaDemo> {
  const replicas: Record<string, number> = { gateway: 2, ...options.replicas };
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const base: NodeJS.ProcessEnv = { ...(options.env ?? process.env), HUB_DATA_DIR: options.dataDir };
  if (!isProduction(base)) Object.assign(base, devSecretsEnv(options.dataDir, base).env);
  const processes = new Map<string, ReplicaProcess>();
  const balanced: BalancedService[] = [];
  const subgraphs = subgraphList(base);
  const count = (slug: string) => Math.max(1, replicas[slug] ?? 1);

  // Ports: each replica its own; a replicated service is reached at HAProxy's port for it.
  const ports = new Map<string, number[]>();
  for (const slug of [...subgraphs.map((s) => s.slug), 'gateway']) {
    ports.set(slug, await Promise.all(Array.from({ length: count(slug) }, () => freePort())));
  }
  const servicePort = new Map<string, number>();
  for (const slug of ports.keys()) {
    servicePort.set(
      slug,
      slug === 'gateway' ? options.port || (await freePort()) : count(slug) > 1 ? await freePort() : ports.get(slug)![0],
    );
  }
  for (const s of subgraphs) base[`HUB_${envKey(s.slug)}_URL`] = `http://127.0.0.1:${servicePort.get(s.slug)}`;
  base.HUB_REDIS_URL = options.redisUrl;
  // The gateways see HAProxy as the caller: believe its X-Forwarded-For for per-address limits.
  base.HUB_TRUSTED_PROXIES = ['127.0.0.1', base.HUB_TRUSTED_PROXIES].filter(Boolean).join(',');

  const run = (slug: string, index: number, entry: string): ReplicaProcess => {
    const name = count(slug) > 1 ? `${slug}${index + 1}` : slug;
    const port = ports.get(slug)![index];
    const env = { ...base, [`HUB_${envKey(slug)}_PORT`]: String(port) };
    // A replica's own URL is its port, not the balanced one (it serves, it does not call itself).
    delete env[`HUB_${envKey(slug)}_URL`];
    // node itself with tsx's loader, not the tsx launcher: the launcher runs the service in a second
    // process, and killing the launcher (SIGKILL in the replica test) would leave the service running.
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => options.onLine?.(name, line));
    }
    const started = { name, slug, port, child };
    processes.set(name, started);
    return started;
  };
  const addresses = (slug: string): ReplicaAddress[] =>
    [...processes.values()]
      .filter((p) => p.slug === slug)
      .map((p) => ({
        name: p.name,
        host: '127.0.0.1',
        port: p.port,
        checkPort: isProduction(base) ? internalPort(slug, p.port, base) : p.port,
      }));

  const demo: ReplicaDemo = {
    url: `http://127.0.0.1:${servicePort.get('gateway')}/graphql`,
    statsUrl: '',
    processes,
    env: base,
    configFile: path.join(options.dataDir, 'haproxy.cfg'),
    async stop() {
      await Promise.all([...processes.values()].map((p) => stopChild(p.child)));
    },
  };
  try {
    // The first process of each service runs its migrations alone; its other replicas start once it is healthy
    // (two processes migrating one database at once would both try to create the same tables).
    for (const s of subgraphs) run(s.slug, 0, path.join(s.dir, 'src', 'index.ts'));
    await Promise.all([...processes.values()].map((p) => waitHealthy(`http://127.0.0.1:${p.port}/health`, p.child, timeoutMs)));
    const more = subgraphs.flatMap((s) =>
      Array.from({ length: count(s.slug) - 1 }, (_, i) => run(s.slug, i + 1, path.join(s.dir, 'src', 'index.ts'))),
    );
    await Promise.all(more.map((p) => waitHealthy(`http://127.0.0.1:${p.port}/health`, p.child, timeoutMs)));
    for (let i = 0; i < count('gateway'); i++) run('gateway', i, path.join(root, 'gateway', 'src', 'index.ts'));
    await Promise.all(
      [...processes.values()]
        .filter((p) => p.slug === 'gateway')
        .map((p) => waitHealthy(`http://127.0.0.1:${p.port}/health`, p.child, timeoutMs)),
    );

    for (const slug of servicePort.keys()) {
      if (count(slug) > 1) balanced.push({ slug, bindHost: '127.0.0.1', port: servicePort.get(slug)!, replicas: addresses(slug) });
    }
    const statsPort = await freePort();
    fs.writeFileSync(demo.configFile, haproxyConfig({ services: balanced, statsPort, checkIntervalMs: options.checkIntervalMs }));
    // -db: stay in the foreground (a child to stop); -W would fork a master.
    const haproxy = spawn(options.haproxy, ['-db', '-f', demo.configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [haproxy.stdout, haproxy.stderr])
      readline.createInterface({ input: stream }).on('line', (line) => options.onLine?.('haproxy', line));
    processes.set('haproxy', { name: 'haproxy', slug: 'haproxy', port: servicePort.get('gateway')!, child: haproxy });
    demo.statsUrl = `http://127.0.0.1:${statsPort}/stats`;
    await waitHealthy(`http://127.0.0.1:${servicePort.get('gateway')}/health`, haproxy, timeoutMs);
    return demo;
  } catch (error) {
    await demo.stop();
    throw error;
  }
}
