/**
 * npm start: every department subgraph and the gateway, each its own plain `node` process running
 * the compiled JavaScript in dist/ (`npm start` builds first when the sources changed), on the default
 * ports with SQLite files in HUB_DATA_DIR (./data). Demo data is created on first start
 * (HUB_DEMO=off starts empty). Ctrl-C stops everything.
 *
 *   --from-sources   run each service's TypeScript with tsx instead (no build; slower and heavier)
 */
import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
// The services module alone: the rest of @hub/runtime (Apollo, pino, metrics) would only weigh on the launcher.
import { dataDir, isProduction, servicePort } from '@hub/runtime/src/services';
import { LISTENING_MESSAGE } from '@hub/runtime/src/announceListening';
import { devSecretsEnv } from './lib/devSecrets';
import { portsInUse } from './lib/portsInUse';
import { root, subgraphList } from './lib/subgraphList';

const fromSources = process.argv.includes('--from-sources');
/**
 * V8 flags of every compiled subgraph. A young generation of at most 2 × 4 MB instead of V8's 2 × 16 MB
 * keeps an idle service near 95 MB of RSS instead of 110; the gateway keeps V8's default, because it
 * allocates the most per request and a small young generation costs it throughput under load. Source maps
 * are written by the build but not loaded (another ~20 MB a process): NODE_OPTIONS=--enable-source-maps
 * maps stack traces when needed.
 */
const SERVICE_NODE_FLAGS = ['--max-semi-space-size=4'];
const children: ChildProcess[] = [];
let stopping = false;
const childEnv: NodeJS.ProcessEnv = { ...process.env, HUB_DATA_DIR: dataDir() };

/** The service whose sources are in <dir>/src: its compiled index.js, or its index.ts under tsx. */
function run(name: string, dir: string): ChildProcess {
  const child = fromSources
    ? spawn(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(dir, 'src', 'index.ts')], {
        cwd: root,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      })
    : spawn(process.execPath, [...(name === 'gateway' ? [] : SERVICE_NODE_FLAGS), path.join(dir, 'dist', 'index.js')], {
        cwd: root,
        env: childEnv,
        // The channel only carries the service's "listening" (announceListening).
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
  const prefix = `[${name}]`.padEnd(16);
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream! }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${prefix}exited (${signal ?? code}); stopping the hub`);
      stop(1);
    }
  });
  children.push(child);
  return child;
}

/** One GET of a service's /health: true on 200 (node:http: the launcher needs nothing more than that from fetch). */
function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Resolves once the service says it listens (announceListening, over the IPC channel), then checks its
 * /health once; a service that says nothing (code from before) is asked every 2 s instead.
 */
async function waitHealthy(slug: string, child: ChildProcess, timeoutMs = 600_000): Promise<void> {
  const url = `http://127.0.0.1:${servicePort(slug)}/health`;
  let announced = false;
  let wake: () => void = () => undefined;
  child.on('message', (message) => {
    if (message === LISTENING_MESSAGE) {
      announced = true;
      wake();
    }
  });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    if (announced && (await healthy(url))) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, announced ? 200 : 2000);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (!announced && (await healthy(url))) return;
  }
  throw new Error(`${slug} did not become healthy at ${url}`);
}

function stop(code: number): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  void Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve))))).then(
    () => process.exit(code),
  );
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

async function main(): Promise<void> {
  const taken = await portsInUse(
    Object.fromEntries(['gateway', ...subgraphList().map((s) => s.slug)].map((slug) => [slug, servicePort(slug)])),
  );
  if (taken.length > 0) {
    const list = taken.map((t) => `${t.service} ${t.port}`).join(', ');
    console.error(
      `端口已被占用：${list}。另一个枢纽是否仍在运行？请先停止它，或用 HUB_<服务>_PORT 换端口。\n` +
        `ports in use: ${list}. Is another hub still running? Stop it first, or move this one with HUB_<SERVICE>_PORT.`,
    );
    process.exit(1);
  }
  if (!isProduction()) {
    const secrets = devSecretsEnv(dataDir());
    Object.assign(childEnv, secrets.env);
    if (Object.keys(secrets.env).length) {
      console.warn(
        `!!! 开发模式：使用 ${secrets.file} 中的开发密钥${secrets.created ? '（刚刚生成）' : ''}，切勿录入真实身份证号 !!! development secrets in use`,
      );
    }
  }
  const subgraphs = subgraphList();
  // All at once: the gateway reads the composed supergraph from its file and needs no subgraph to start.
  const started = subgraphs.map((s) => waitHealthy(s.slug, run(s.slug, s.dir)));
  started.push(waitHealthy('gateway', run('gateway', path.join(root, 'gateway'))));
  await Promise.all(started);
  const gateway = `http://127.0.0.1:${servicePort('gateway')}`;
  console.log(`\n濮阳县技能数据枢纽已启动 the hub is up: ${gateway}/graphql`);
  console.log('令牌 token for queries: npm run token -- --role county-admin   (see README)\n');
}

main().catch((error: unknown) => {
  console.error(error);
  stop(1);
});
