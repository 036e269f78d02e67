/**
 * npm start: the six department subgraphs and the gateway, each its own process, on the default
 * ports with SQLite files in HUB_DATA_DIR (./data). Demo data is created on first start
 * (HUB_DEMO=off starts empty). Ctrl-C stops everything.
 */
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { servicePort } from '@hub/runtime';
import { root, subgraphList } from './lib/subgraphList';

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const children: ChildProcess[] = [];
let stopping = false;

function run(name: string, entry: string): ChildProcess {
  const child = spawn(tsx, [entry], { cwd: root, env: { ...process.env, HUB_DATA_DIR: process.env.HUB_DATA_DIR || path.join(root, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function waitHealthy(slug: string, timeoutMs = 600_000): Promise<void> {
  const url = `http://127.0.0.1:${servicePort(slug)}/health`;
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${slug} did not become healthy at ${url}`);
}

function stop(code: number): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : c.once('exit', resolve))))).then(() => process.exit(code));
}

process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

async function main(): Promise<void> {
  const subgraphs = subgraphList();
  for (const s of subgraphs) run(s.slug, path.join(s.dir, 'src', 'index.ts'));
  await Promise.all(subgraphs.map((s) => waitHealthy(s.slug)));
  run('gateway', path.join(root, 'gateway', 'src', 'index.ts'));
  await waitHealthy('gateway');
  const gateway = `http://127.0.0.1:${servicePort('gateway')}`;
  console.log(`\n濮阳县技能数据枢纽已启动 the hub is up: ${gateway}/graphql\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  stop(1);
});
