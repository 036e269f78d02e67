/**
 * npm run bench:startup -- [--data tmp/bench-startup/data] [--persons 20000] [--requests 300] [--settle 10] [--no-write]
 *
 * The demo hub's footprint (issue 16), in one run, started both ways from the same seeded data folder:
 *   sources    `npm run start:sources`: the launcher and every service under tsx (how `npm start` ran before)
 *   compiled   `npm start`: the build check, then one plain node process per service running dist/
 * For each: the processes of the whole tree (npm included), the time from spawning npm until every
 * service (gateway and subgraphs) answers /health, the total resident memory of the tree after --settle seconds at idle, and
 * again after a warm-up load through the gateway (--requests GraphQL requests: dossiers of different
 * persons, county figures and a certificate list page, 4 at a time). Writes the table into BENCHMARKS.md.
 *
 * The data folder is seeded on the first run (HUB_DEMO_PERSONS persons, by a compiled start) and reused.
 * Every service runs on ports 5650 upwards, so a hub on the default ports can keep running; all that
 * the run starts is stopped at the end and on Ctrl-C.
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { demoShowcase } from '@hub/demo-data';
import { build } from '../scripts/build';
import { devSecretsEnv } from '../scripts/lib/devSecrets';
import { root, subgraphList } from '../scripts/lib/subgraphList';
import { DOSSIER_QUERY } from './lib/hiveGateway';
import { cpuSeconds, rssMb } from './lib/procStats';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.join('tmp', 'bench-startup', 'data') },
    persons: { type: 'string', default: '20000' },
    requests: { type: 'string', default: '300' },
    settle: { type: 'string', default: '10' },
    'no-write': { type: 'boolean', default: false },
  },
});

const PORT_BASE = 5650;
const dataDir = path.resolve(root, values.data);
const services = ['gateway', ...subgraphList().map((s) => s.slug)];
const ports = Object.fromEntries(services.map((slug, i) => [`HUB_${slug.toUpperCase().replace(/-/g, '_')}_PORT`, String(PORT_BASE + i)]));
const gatewayUrl = `http://127.0.0.1:${PORT_BASE}`;
const running = new Set<ChildProcess>();

interface Footprint {
  way: string;
  command: string;
  processes: number;
  commands: string[];
  readySeconds: number;
  /** CPU seconds the running tree had used when it was ready: what the start costs on any machine. */
  readyCpu: number;
  idleMb: number;
  loadedMb: number;
  failed: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** pid and every descendant, from /proc/<pid>/task/<tid>/children. */
function processTree(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number): void => {
    out.push(p);
    let tasks: string[] = [];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      return;
    }
    for (const tid of tasks) {
      let children = '';
      try {
        children = fs.readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const child of children.trim().split(/\s+/).filter(Boolean)) visit(Number(child));
    }
  };
  visit(pid);
  return out;
}

function commandOf(pid: number): string {
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return args.map((a) => (a.startsWith(root) ? path.relative(root, a) : path.basename(a) === a ? a : path.basename(a))).join(' ');
  } catch {
    return '?';
  }
}

function treeRssMb(pid: number): number {
  return processTree(pid).reduce((sum, p) => {
    const mb = rssMb(p);
    return sum + (Number.isFinite(mb) ? mb : 0);
  }, 0);
}

async function waitHealthy(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

function startNpm(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn('npm', args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

async function stopTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await Promise.race([exited, sleep(15_000)]);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function hubEnv(demo: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    HUB_DATA_DIR: dataDir,
    HUB_DEMO: demo ? 'on' : 'off',
    HUB_DEMO_PERSONS: values.persons,
    HUB_LOG_LEVEL: 'warn',
  };
  delete env.npm_lifecycle_event;
  return { ...env, ...devSecretsEnv(dataDir, env).env };
}

/** The warm-up load: dossiers of different persons, county figures and a list page, 4 requests at a time. */
async function warmUp(env: NodeJS.ProcessEnv, total: number): Promise<number> {
  const token = await mintToken({ subject: 'bench-startup', role: 'COUNTY_ADMIN' }, hubSecretsFromEnv(env, () => undefined).jwt);
  const persons = demoShowcase(50, 2);
  const bodies = [
    ...persons.map((p) => ({ query: DOSSIER_QUERY, variables: { id: p.idNumber } })),
    {
      query: '{ countyProgress(asOf: "2025-12-31") { certificateHolders { value } skilledTalents { value } byTownship { key holders } } }',
    },
    { query: '{ hrssCertificates(first: 20) { totalCount edges { node { certificateNumber level } } } }' },
  ];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const body = bodies[next++ % bodies.length];
      const response = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || json.errors) failed++;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return failed;
}

async function seed(): Promise<void> {
  if (fs.existsSync(path.join(dataDir, 'dev-secrets.json')) && fs.readdirSync(dataDir).some((f) => f.endsWith('.sqlite'))) return;
  console.log(`seeding ${values.persons} demo persons into ${dataDir} …`);
  fs.mkdirSync(dataDir, { recursive: true });
  const child = startNpm(['start'], hubEnv(true));
  await waitHealthy(`${gatewayUrl}/health`, 900_000);
  await stopTree(child);
}

async function measure(way: string, npmArgs: string[]): Promise<Footprint> {
  const env = hubEnv(false);
  const started = process.hrtime.bigint();
  const child = startNpm(npmArgs, env);
  try {
    await Promise.all(services.map((_, i) => waitHealthy(`http://127.0.0.1:${PORT_BASE + i}/health`, 600_000)));
    const readySeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const readyCpu = processTree(child.pid!).reduce((sum, p) => {
      try {
        return sum + cpuSeconds(p);
      } catch {
        return sum;
      }
    }, 0);
    await sleep(Number(values.settle) * 1000);
    const tree = processTree(child.pid!);
    const idleMb = treeRssMb(child.pid!);
    const failed = await warmUp(env, Number(values.requests));
    await sleep(2000);
    const loadedMb = treeRssMb(child.pid!);
    const footprint = {
      way,
      command: `npm ${npmArgs.join(' ')}`,
      processes: tree.length,
      commands: tree.map(commandOf),
      readySeconds,
      readyCpu,
      idleMb,
      loadedMb,
      failed,
    };
    console.log(
      `${way}: ${footprint.processes} processes, ready in ${readySeconds.toFixed(1)} s (${readyCpu.toFixed(1)} CPU s), ${idleMb.toFixed(0)} MB idle, ${loadedMb.toFixed(0)} MB after ${values.requests} requests (${failed} failed)`,
    );
    return footprint;
  } finally {
    await stopTree(child);
  }
}

function report(rows: Footprint[], seconds: number): string {
  const [before, after] = rows;
  const services = subgraphList().length + 1;
  const lines = [
    '<!-- bench:startup -->',
    `\`npm run bench:startup\` (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}; ${values.persons} demo persons in SQLite, ` +
      `${services} services; ready = every service's /health answers; idle = ${values.settle} s later; warm-up = ${values.requests} GraphQL requests, 4 at a time; ${seconds.toFixed(0)} s in all):`,
    '',
    '| way | command | processes | ready (s) | CPU s until ready | RSS idle (MB) | RSS after warm-up (MB) | failed requests |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.way} | \`${r.command}\` | ${r.processes} | ${r.readySeconds.toFixed(1)} | ${r.readyCpu.toFixed(1)} | ${r.idleMb.toFixed(0)} | ${r.loadedMb.toFixed(0)} | ${r.failed} |`,
    ),
    '',
    `Load average when the run ended: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ', ',
      )} (other work on the machine). "CPU s until ready" is the user + system time of the processes running at that moment (not the build check, which has exited): on two idle cores the start cannot take less than half of it. Processes counted are the whole tree under npm, npm itself included. Compiled: ${after.commands.map((c) => `\`${c}\``).join(', ')}.`,
    '',
    'Targets (issue 16):',
    `- one process per service plus at most one launcher, npm's own wrapper aside: ${after.processes - 1} ≤ ${services + 1} — ${after.processes - 1 <= services + 1 ? 'met' : 'NOT met'}`,
    `- ≤ 900 MB total RSS at idle: ${after.idleMb.toFixed(0)} MB (was ${before.idleMb.toFixed(0)}) — ${after.idleMb <= 900 ? 'met' : 'NOT met'}`,
    `- ready in ≤ 10 s: ${after.readySeconds.toFixed(1)} s (was ${before.readySeconds.toFixed(1)}) — ${after.readySeconds <= 10 ? 'met' : 'NOT met'}`,
    '<!-- /bench:startup -->',
  ];
  return lines.join('\n');
}

function writeBenchmarks(section: string): void {
  const file = path.join(root, 'BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const pattern = /<!-- bench:startup -->[\s\S]*?<!-- \/bench:startup -->/;
  fs.writeFileSync(
    file,
    pattern.test(text)
      ? text.replace(pattern, section)
      : `${text.trimEnd()}\n\n## Startup and footprint (npm run bench:startup)\n\n${section}\n`,
  );
}

async function main(): Promise<void> {
  const began = Date.now();
  build({ ifStale: true });
  await seed();
  // The machine settles between the two ways, so neither pays for the other's exit.
  const rows = [await measure('sources (before)', ['run', 'start:sources'])];
  await sleep(3000);
  rows.push(await measure('compiled (after)', ['start']));
  const section = report(rows, (Date.now() - began) / 1000);
  console.log(`\n${section}`);
  if (!values['no-write']) writeBenchmarks(section);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([...running].map(stopTree)).then(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error);
  await Promise.all([...running].map(stopTree));
  process.exit(1);
});
