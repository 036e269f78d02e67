/**
 * npm run bench:gateway -- [--data data/bench-300000] [--copy tmp/bench-gateway/data] [--fresh-copy] [--in-place]
 *   [--duration 10] [--warmup 2]
 *   [--connections 10,50] [--cases dossier,dossiers,progress,progress-callers,list,grouping] [--persons 50] [--callers 50]
 *   [--baseline <git rev>] [--no-hive]
 *   [--no-write] [--cpu-prof] [--rounds 1]
 *
 * Gateway throughput (issue 8): the same four operations, in one run, through
 *   gateway  our Apollo Gateway (the hub's own gateway process, JWT and limits on),
 *   head     optionally the gateway code of another git revision (--baseline), for before/after,
 *   hive     Hive Gateway with the Rust query planner (router-runtime) on the same supergraph file,
 *   direct   the subgraph requests the gateway's query plan makes, sent straight to the subgraphs,
 * each with autocannon for a fixed time after a warm-up, at each number of connections. Reports
 * requests/s, p50/p95/p99, error responses, CPU seconds and peak RSS of every process, ratios and the
 * issue's targets, and writes the table into BENCHMARKS.md. With --rounds N the measured time of each
 * target is taken in N slices, in turn with the other targets, so that the machine's drift during a
 * case (it is shared) falls on every target alike.
 *
 * The hub runs on a private copy of the seeded data folder (an online SQLite backup, ~1.3 GB for 300k
 * persons) unless --in-place, because bench:progress clears and rebuilds the original's holder index.
 * The copy is kept in tmp/bench-gateway/data and reused by the next run (its index then needs no
 * rebuild); --fresh-copy makes a new one. Everything the run starts (ports 5400–5409) is stopped at
 * the end, on Ctrl-C, and after a hard time limit.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { demoShowcase } from '@hub/demo-data';
import { PRINCIPAL_HEADER, Principal, requestPath, signCall } from '@hub/auth';
import { hubSecretsFromEnv } from '@hub/auth';
import { CannonRequest, runCannon } from './lib/cannon';
import { summarizeCpuProfiles } from './lib/cpuProfileSummary';
import { snapshotDataDir } from './lib/dataSnapshot';
import { BENCH_ROLE_HEADER, BENCH_SUBJECT_HEADER, DOSSIER_QUERY } from './lib/hiveGateway';
import { root, RunningHub, startHubProcess } from './lib/hubProcess';
import { LoadResult, PlanRequest, runPlanLoad } from './lib/planLoad';
import { commandLine, cpuSeconds, peakRssMb, pidListeningOn, processAgeSeconds, resetPeakRss } from './lib/procStats';
import { plannedFetches } from './lib/queryPlanFetches';
import { subgraphList } from '../scripts/lib/subgraphList';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.join('data', 'bench-300000') },
    'in-place': { type: 'boolean', default: false },
    copy: { type: 'string', default: path.join('tmp', 'bench-gateway', 'data') },
    'fresh-copy': { type: 'boolean', default: false },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10,50' },
    cases: { type: 'string', default: 'dossier,dossiers,progress,progress-callers,list,grouping' },
    persons: { type: 'string', default: '50' },
    callers: { type: 'string', default: '50' },
    baseline: { type: 'string' },
    'no-hive': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
  },
});

const PORT_BASE = 5400;
// The hub takes 5400 upwards, one port per service (the county service is on 5407).
const HIVE_PORT = 5408;
const HEAD_PORT = 5409;
const SLUGS = ['hrss', 'education', 'agriculture', 'veterans', 'civil-affairs', 'finance'] as const;
/** Every subgraph service the hub runs (the departments and the county service), in port order after the gateway. */
const SERVICES: readonly string[] = subgraphList().map((s) => s.slug);
/** The whole run is bounded: startup, index wait and every case, then everything is stopped. */
const HARD_LIMIT_MS = 60 * 60_000;
const AS_OF = '2025-12-31';
const supergraphPath = path.join(root, 'gateway', 'supergraph.graphql');
const workDir = path.join(root, 'tmp', 'bench-gateway');

const admin: Principal = { subject: 'bench-admin', role: 'COUNTY_ADMIN' };
const analyst: Principal = { subject: 'bench-analyst', role: 'ANALYST' };

interface CaseRequest {
  variables: Record<string, unknown>;
  who: Principal;
}

interface QueryCase {
  name: string;
  label: string;
  query: string;
  operationName: string;
  /** The requests of the case, sent in turn by every connection (one: the same request over and over). */
  requests: CaseRequest[];
}

type DemoPerson = { idNumber: string; name: string; departments: string[] };

function queryCases(person: DemoPerson, many: DemoPerson[], callers: number): QueryCase[] {
  const progress = `query CountyProgress($asOf: Date) { countyProgress(asOf: $asOf) { asOf certificateHolders { value target ratio } skilledTalents { value target ratio }
    midHighSkilledTalents { value target ratio } highSkilledTalents { value } newlyCertified { value } trainingPersonTimes { value }
    byDepartment { department holders overlap } completeness { department pendingChanges lastSyncedAt } } }`;
  const list = `query CertificateList($filter: CertificateFilter) { hrssCertificates(first: 20, filter: $filter) { totalCount
    pageInfo { hasNextPage endCursor } edges { cursor node { id certificateNumber kind level issuedOn validUntil status occupation { code name } person { id name idNumberMasked } } } } }`;
  const grouping = `query AnalystGrouping($asOf: Date) { aggregate(dimensions: [TOWNSHIP, LEVEL], measures: [HOLDERS, CERTIFICATES], asOf: $asOf) { asOf truncated
    rows { keys { dimension key label } holders certificates suppressed } } }`;
  const admins = Array.from({ length: callers }, (_, i): Principal => ({ subject: `bench-dashboard-${i + 1}`, role: 'COUNTY_ADMIN' }));
  return [
    {
      name: 'dossier',
      label: `one person's dossier over six departments (${person.departments.length} hold records), every request the same`,
      query: DOSSIER_QUERY,
      operationName: 'Dossier',
      requests: [{ variables: { id: person.idNumber }, who: admin }],
    },
    {
      name: 'dossiers',
      label: `the dossier of ${many.length} different persons in turn (concurrent requests rarely identical)`,
      query: DOSSIER_QUERY,
      operationName: 'Dossier',
      requests: many.map((p) => ({ variables: { id: p.idNumber }, who: admin })),
    },
    {
      name: 'progress',
      label: 'countyProgress headline figures, every request the same',
      query: progress,
      operationName: 'CountyProgress',
      requests: [{ variables: { asOf: AS_OF }, who: admin }],
    },
    {
      name: 'progress-callers',
      label: `the same countyProgress from ${callers} different callers in turn (nothing can be shared)`,
      query: progress,
      operationName: 'CountyProgress',
      requests: admins.map((who) => ({ variables: { asOf: AS_OF }, who })),
    },
    {
      name: 'list',
      label: 'hrssCertificates(first: 20, filter) with totalCount',
      query: list,
      operationName: 'CertificateList',
      requests: [{ variables: { filter: { kind: 'SKILL_LEVEL', level: 'LEVEL_4' } }, who: admin }],
    },
    {
      name: 'grouping',
      label: 'analyst grouping: aggregate(dimensions: [TOWNSHIP, LEVEL]) holders and certificates, as ANALYST (small cells suppressed)',
      query: grouping,
      operationName: 'AnalystGrouping',
      requests: [{ variables: { asOf: AS_OF }, who: analyst }],
    },
  ];
}

interface Measured extends LoadResult {
  query: string;
  target: string;
  connections: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  cpu: Record<string, number>;
  peakRss: Record<string, number>;
}

const log = (line = '') => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function waitHttp(url: string, init: RequestInit | undefined, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Waits until hrss's holder index has read every department's change feed to its end. Read from the
 * SQLite files, not through countyProgress: every countyProgress on a moving index is recomputed and
 * would slow the very sync it waits for.
 */
async function waitForIndex(dataDir: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let lastReport = 0;
  for (;;) {
    const latest: Record<string, number> = {};
    for (const slug of SLUGS) {
      const db = new Database(path.join(dataDir, `${slug}.sqlite`), { readonly: true });
      latest[slug.toUpperCase().replace(/-/g, '_')] = (
        db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM change_log').get() as { s: number }
      ).s;
      db.close();
    }
    const hrss = new Database(indexDatabase(dataDir), { readonly: true });
    const cursors = Object.fromEntries(
      (hrss.prepare('SELECT department, last_seq FROM feed_cursor').all() as { department: string; last_seq: number }[]).map((r) => [
        r.department,
        r.last_seq,
      ]),
    );
    hrss.close();
    const pending = Object.entries(latest).reduce((n, [d, s]) => n + Math.max(0, s - (cursors[d] ?? 0)), 0);
    if (pending === 0) return;
    if (Date.now() > until) throw new Error(`holder index still ${pending} changes behind after ${timeoutMs / 1000} s`);
    if (Date.now() - lastReport > 30_000) {
      log(`  holder index: ${pending} changes to apply …`);
      lastReport = Date.now();
    }
    await sleep(2000);
  }
}

/** The holder index's database: the county service's since it took the index over, hrss's before. */
function indexDatabase(dataDir: string): string {
  const county = path.join(dataDir, 'county.sqlite');
  return fs.existsSync(county) ? county : path.join(dataDir, 'hrss.sqlite');
}

function spawnNode(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  // node with tsx's loader, not the tsx CLI (which forks): the pid is the server's own.
  return spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A signed principal header for one subgraph call (its service, path and body; a fresh nonce each time), as the gateways sign. */
function signer(key: Buffer) {
  return (who: Principal, audience: string, url: string, body: string): string =>
    signCall(who, key, { audience, method: 'POST', path: requestPath(url), body });
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main(): Promise<void> {
  const startedAt = new Date();
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const rounds = Math.max(1, Math.round(Number(values.rounds)));
  const connectionLevels = values.connections.split(',').map(Number);
  const wanted = new Set(values.cases.split(','));
  const sourceDir = path.resolve(root, values.data);
  fs.mkdirSync(workDir, { recursive: true });

  const started: { hub?: RunningHub; hubProcess?: ChildProcess; hive?: ChildProcess; head?: ChildProcess; headDir?: string } = {};
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      await Promise.allSettled([stopChild(started.hive), stopChild(started.head)]);
      if (started.hub) await Promise.race([started.hub.stop(), sleep(15_000)]);
      else if (started.hubProcess?.pid && started.hubProcess.exitCode === null) {
        // Still starting: stop its whole process group (start.ts and the services it spawned).
        const exited = new Promise((r) => started.hubProcess!.once('exit', r));
        process.kill(-started.hubProcess.pid, 'SIGTERM');
        await Promise.race([exited, sleep(15_000)]);
      }
      if (started.headDir) fs.rmSync(started.headDir, { recursive: true, force: true });
    })());
  const watchdog = setTimeout(() => {
    console.error(`bench:gateway exceeded ${HARD_LIMIT_MS / 60_000} min; stopping everything`);
    void stopAll().finally(() => process.exit(2));
  }, HARD_LIMIT_MS);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().finally(() => process.exit(130)));

  try {
    log(`# bench:gateway — ${os.cpus().length} cores, node ${process.version}, ${startedAt.toISOString()}`);
    let dataDir = sourceDir;
    if (!values['in-place']) {
      dataDir = path.resolve(root, values.copy);
      if (values['fresh-copy'] || !fs.existsSync(path.join(dataDir, 'hrss.sqlite'))) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        const t = Date.now();
        await snapshotDataDir(sourceDir, dataDir);
        log(
          `data: private copy of ${path.relative(root, sourceDir)} in ${path.relative(root, dataDir)} (${((Date.now() - t) / 1000).toFixed(0)} s); kept for the next run`,
        );
      } else {
        log(`data: the private copy in ${path.relative(root, dataDir)} from an earlier run (--fresh-copy for a new one)`);
      }
    }
    const certificates = SLUGS.reduce((n, s) => {
      const db = new Database(path.join(dataDir, `${s}.sqlite`), { readonly: true });
      const row = db.prepare('SELECT COUNT(*) AS c FROM certificate').get() as { c: number };
      db.close();
      return n + row.c;
    }, 0);
    // Everyone any department knows, as the county index has them (once each).
    const indexDb = new Database(indexDatabase(dataDir), { readonly: true });
    const persons = (indexDb.prepare('SELECT COUNT(*) AS p FROM person_master').get() as { p: number }).p;
    indexDb.close();

    const profileDir = path.join(workDir, 'profiles');
    if (values['cpu-prof']) fs.rmSync(profileDir, { recursive: true, force: true });
    const hubEnv: NodeJS.ProcessEnv = {
      // One benchmark client is one rate-limit subject; the limiter still runs on every request.
      HUB_RATE_LIMIT_PER_SECOND: '1000000',
      HUB_RATE_LIMIT_BURST: '1000000',
      HUB_LOG_LEVEL: 'warn',
      // --cpu-prof itself is refused in NODE_OPTIONS; this preload starts the same profiler.
      ...(values['cpu-prof']
        ? { NODE_OPTIONS: `--require ${path.join(root, 'bench', 'lib', 'cpuProfilePreload.cjs')}`, HUB_CPU_PROF_DIR: profileDir }
        : {}),
    };
    let t = Date.now();
    // A hub that dies while starting (a port taken, a bad flag) fails the run at once, not after the 5 min health wait.
    let hubDied: (error: Error) => void = () => undefined;
    const died = new Promise<never>((_, reject) => (hubDied = reject));
    died.catch(() => undefined);
    const hub = (started.hub = await Promise.race([
      startHubProcess(dataDir, hubEnv, PORT_BASE, (child) => {
        started.hubProcess = child;
        child.once('exit', (code, signal) => hubDied(new Error(`the hub (scripts/start.ts) exited while starting: ${signal ?? code}`)));
      }),
      died,
    ]));
    log(`hub up in ${((Date.now() - t) / 1000).toFixed(0)} s (ports ${PORT_BASE}–${PORT_BASE + 7})`);
    t = Date.now();
    await waitForIndex(dataDir, 30 * 60_000);
    log(`holder index complete (${((Date.now() - t) / 1000).toFixed(0)} s)`);

    const secrets = hubSecretsFromEnv(hub.env, () => undefined);
    const sign = signer(secrets.signingKey);
    const subgraphUrls = Object.fromEntries(SERVICES.map((s, i) => [s, `http://127.0.0.1:${PORT_BASE + 1 + i}/graphql`]));

    if (!values['no-hive']) {
      started.hive = spawnNode(path.join(root, 'bench', 'lib', 'hiveServer.ts'), {
        ...hub.env,
        NODE_OPTIONS: hubEnv.NODE_OPTIONS ?? '',
        HIVE_PORT: String(HIVE_PORT),
        HUB_SUPERGRAPH: supergraphPath,
        HIVE_SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
      });
      await waitHttp(
        `http://127.0.0.1:${HIVE_PORT}/graphql`,
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' },
        120_000,
      );
      log(`hive gateway up on ${HIVE_PORT}`);
    }
    if (values.baseline) {
      // The gateway's own code at another revision; packages, subgraphs and supergraph as now.
      const rev = execFileSync('git', ['rev-parse', '--short', values.baseline], { cwd: root, encoding: 'utf8' }).trim();
      started.headDir = fs.mkdtempSync(path.join(workDir, `head-${rev}-`));
      execFileSync('sh', ['-c', `git archive ${rev} gateway | tar -x -C ${JSON.stringify(started.headDir)}`], { cwd: root });
      started.head = spawnNode(path.join(started.headDir, 'gateway', 'src', 'index.ts'), {
        ...hub.env,
        NODE_OPTIONS: hubEnv.NODE_OPTIONS ?? '',
        HUB_GATEWAY_PORT: String(HEAD_PORT),
        HUB_SUPERGRAPH: supergraphPath,
      });
      await waitHttp(`http://127.0.0.1:${HEAD_PORT}/health`, undefined, 120_000);
      log(`gateway at ${rev} up on ${HEAD_PORT}`);
    }

    // Every process whose CPU and memory are reported, found by the port it listens on.
    const pids: Record<string, number> = {};
    const byPort: [string, number][] = [['gateway', PORT_BASE], ...SERVICES.map((s, i) => [s, PORT_BASE + 1 + i] as [string, number])];
    if (started.head) byPort.push(['head', HEAD_PORT]);
    if (started.hive) byPort.push(['hive', HIVE_PORT]);
    for (const [name, port] of byPort) {
      const pid = pidListeningOn(port);
      if (!pid) throw new Error(`no process listens on ${port} (${name})`);
      pids[name] = pid;
    }
    log(
      `processes: ${Object.entries(pids)
        .map(([n, p]) => `${n}=${p}`)
        .join(' ')}`,
    );
    if (!commandLine(pids.gateway).includes(path.join('gateway', 'dist', 'index.js')))
      throw new Error(`port ${PORT_BASE} is not the hub's gateway: ${commandLine(pids.gateway)}`);

    const [person, ...others] = demoShowcase(1 + Number(values.persons), 3);
    const cases = queryCases(person, [person, ...others], Number(values.callers)).filter((c) => wanted.has(c.name));
    const tokens = new Map<string, string>();
    for (const c of cases) for (const r of c.requests) if (!tokens.has(r.who.subject)) tokens.set(r.who.subject, await hub.token(r.who));

    // How each target is called for a case: autocannon with the case's requests in turn, or a replayed plan (direct).
    const supergraphSdl = fs.readFileSync(supergraphPath, 'utf8');
    type Target = { name: string; cannon?: { url: string; requests: () => CannonRequest[] }; plans?: PlanRequest[][] };
    const personIds = new Map<string, string>();
    const targetsFor = async (c: QueryCase): Promise<Target[]> => {
      const bodies = c.requests.map((r) => JSON.stringify({ query: c.query, operationName: c.operationName, variables: r.variables }));
      const viaGateway = () =>
        c.requests.map((r, i) => ({ body: bodies[i], headers: { authorization: `Bearer ${tokens.get(r.who.subject)}` } }));
      const out: Target[] = [{ name: 'gateway', cannon: { url: `http://127.0.0.1:${PORT_BASE}/graphql`, requests: viaGateway } }];
      if (started.head) out.push({ name: 'head', cannon: { url: `http://127.0.0.1:${HEAD_PORT}/graphql`, requests: viaGateway } });
      if (started.hive) {
        const viaHive = () =>
          c.requests.map((r, i) => ({
            body: bodies[i],
            headers: { [BENCH_ROLE_HEADER]: r.who.role, [BENCH_SUBJECT_HEADER]: r.who.subject },
          }));
        out.push({ name: 'hive', cannon: { url: `http://127.0.0.1:${HIVE_PORT}/graphql`, requests: viaHive } });
      }
      // Direct: the plan's fetches; entity representations are what the first stage answers (the person's id).
      const fetches = plannedFetches(supergraphSdl, c.query, c.operationName);
      const plans: PlanRequest[][] = [];
      for (const { variables, who } of c.requests) {
        let representations: unknown[] = [];
        if (fetches.some((f) => f.entity)) {
          if (!('id' in variables)) throw new Error(`${c.name}: only dossier plans have entity fetches here`);
          const idNumber = String(variables.id);
          if (!personIds.has(idNumber)) {
            const first = await hub.graphql<{ person: { id: string } | null }>(
              'query($id: String!) { person(idNumber: $id) { id } }',
              { id: idNumber },
              who,
            );
            if (!first.data?.person) throw new Error(`demo person ${idNumber.slice(0, 6)}… not found: ${JSON.stringify(first.errors)}`);
            personIds.set(idNumber, first.data.person.id);
          }
          representations = [{ __typename: 'Person', id: personIds.get(idNumber) }];
        }
        plans.push(
          fetches.map((f) => {
            const url = subgraphUrls[f.serviceName];
            const body = JSON.stringify({
              query: f.operation,
              variables: f.entity ? { representations } : Object.fromEntries(f.variableUsages.map((v) => [v, variables[v]])),
            });
            // Signed per request sent: a signed header covers one call, once.
            return { stage: f.stage, url, body, headers: () => ({ [PRINCIPAL_HEADER]: sign(who, f.serviceName, url, body) }) };
          }),
        );
      }
      // Always replayed by runPlanLoad, which signs each request it sends (autocannon would resend one header).
      out.push({ name: 'direct', plans });
      return out;
    };
    const caseTargets = new Map<string, Target[]>();
    for (const c of cases) caseTargets.set(c.name, await targetsFor(c));

    // Prime: each case once straight at its subgraphs, without the gateways' 5 s timeout (the first
    // countyProgress on a date computes the figures; then they are cached until the index changes).
    for (const c of cases) {
      const direct = caseTargets.get(c.name)!.find((t) => t.name === 'direct')!;
      const t0 = Date.now();
      const requests = direct.cannon
        ? direct.cannon.requests().map((r) => ({ url: direct.cannon!.url, body: r.body, headers: () => r.headers }))
        : direct.plans!.flat();
      for (const r of requests.slice(0, 60)) {
        await fetch(r.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...r.headers() },
          body: r.body,
          signal: AbortSignal.timeout(300_000),
        }).then((x) => x.text());
      }
      log(`  primed ${c.name} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }

    // One request each first (every request of a case): no errors anywhere, and every gateway gives the same answer.
    for (const c of cases) {
      // Headers are made when each request is sent: a direct request's signature is good for a few seconds only.
      const targets = caseTargets.get(c.name)!.map((t) => ({
        name: t.name,
        requests: t.cannon
          ? t.cannon.requests().map((r) => [{ url: t.cannon!.url, body: r.body, headers: () => r.headers }])
          : t.plans!.map((plan) => plan.map((p) => ({ url: p.url, body: p.body, headers: p.headers }))),
      }));
      for (let i = 0; i < c.requests.length; i++) {
        const answers: Record<string, string> = {};
        for (const target of targets) {
          for (const r of target.requests[i]) {
            const response = await fetch(r.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...r.headers() },
              body: r.body,
            });
            const text = await response.text();
            if (response.status !== 200 || text.includes('"errors"'))
              throw new Error(`${c.name} via ${target.name}: HTTP ${response.status} ${text.slice(0, 400)}`);
            // lastSyncedAt moves every second while the hub syncs: not part of the comparison.
            if (target.name !== 'direct')
              answers[target.name] = JSON.stringify((JSON.parse(text) as { data?: unknown }).data, (k, v: unknown) =>
                k === 'lastSyncedAt' ? undefined : v,
              );
          }
        }
        if (new Set(Object.values(answers)).size !== 1)
          throw new Error(
            `${c.name}: the gateways answer differently: ${Object.entries(answers)
              .map(([n, a]) => `${n}: ${a.slice(0, 300)}`)
              .join(' | ')}`,
          );
      }
    }
    log(
      `dossier person: ${person.name} (${person.departments.join(', ')}); ${others.length + 1} persons for the mixed dossiers; every target answers every request without errors, the gateways identically`,
    );

    const results: Measured[] = [];
    // Profiles (--cpu-prof) leave out each process's start-up and priming: everything before this moment.
    const ages = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, processAgeSeconds(pid)]));
    const runOnce = async (target: Target, connections: number, seconds: number): Promise<LoadResult> => {
      if (target.cannon) return runCannon({ url: target.cannon.url, requests: target.cannon.requests() }, connections, seconds);
      return runPlanLoad(target.plans!, connections, seconds * 1000);
    };
    const totalRuns = connectionLevels.length * cases.reduce((n, c) => n + caseTargets.get(c.name)!.length, 0);
    const perRun = warmup + duration + (rounds - 1) * Math.min(warmup, 1) + rounds;
    log(
      `${totalRuns} runs of ${warmup} s warm-up + ${duration} s${rounds > 1 ? ` in ${rounds} rounds` : ''}: about ${Math.ceil((totalRuns * perRun) / 60)} min`,
    );
    for (const [level, connections] of connectionLevels.entries()) {
      for (const c of cases) {
        // The subgraphs' own caches (SQLite pages) warm on the first target measured: warm them first.
        if (level === 0)
          await runOnce(
            caseTargets.get(c.name)!.find((t) => t.name === 'direct')!,
            connections,
            warmup,
          );
        // With --rounds N each target's measured time is cut into N slices taken in turn (gateway, hive, direct,
        // gateway, …), so a machine that speeds up or slows down during the case weighs on every target alike.
        const targets = caseTargets.get(c.name)!;
        const sums = new Map<string, { load: LoadResult; cpu: Record<string, number>; peakRss: Record<string, number> }>();
        for (let round = 0; round < rounds; round++) {
          for (const target of targets) {
            await runOnce(target, connections, round === 0 ? warmup : Math.min(warmup, 1));
            for (const pid of Object.values(pids)) resetPeakRss(pid);
            const cpuBefore = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid)]));
            const selfBefore = process.cpuUsage();
            const r = await runOnce(target, connections, duration / rounds);
            const self = process.cpuUsage(selfBefore);
            const cpu = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuSeconds(pid) - cpuBefore[n]]));
            cpu.loadgen = (self.user + self.system) / 1e6;
            const peakRss = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, peakRssMb(pid)]));
            const sum = sums.get(target.name);
            if (!sum) sums.set(target.name, { load: { ...r, latencies: [...r.latencies] }, cpu, peakRss });
            else {
              sum.load.count += r.count;
              sum.load.durationS += r.durationS;
              sum.load.errors += r.errors;
              for (const latency of r.latencies) sum.load.latencies.push(latency);
              for (const n of Object.keys(cpu)) sum.cpu[n] += cpu[n];
              for (const n of Object.keys(peakRss)) sum.peakRss[n] = Math.max(sum.peakRss[n], peakRss[n]);
            }
          }
        }
        for (const target of targets) {
          const { load: r, cpu, peakRss } = sums.get(target.name)!;
          const m: Measured = {
            ...r,
            latencies: [],
            query: c.name,
            target: target.name,
            connections,
            rps: r.count / r.durationS,
            p50: percentile(r.latencies, 50),
            p95: percentile(r.latencies, 95),
            p99: percentile(r.latencies, 99),
            cpu,
            peakRss,
          };
          results.push(m);
          log(
            `  ${c.name.padEnd(9)} ${target.name.padEnd(8)} c=${String(connections).padEnd(3)} ${fmt(m.rps).padStart(7)} req/s  p50 ${fmt(m.p50)}  p95 ${fmt(m.p95)}  p99 ${fmt(m.p99)} ms  errors ${m.errors}`,
          );
        }
      }
    }

    // VmHWM is reset before every case, so the run's peak is the largest of the cases' peaks.
    const lifetimePeak = Object.fromEntries(Object.keys(pids).map((n) => [n, Math.max(...results.map((r) => r.peakRss[n]))]));
    const report = renderReport({
      results,
      cases,
      connectionLevels,
      duration,
      warmup,
      rounds,
      persons,
      certificates,
      startedAt,
      person,
      baseline: values.baseline,
      lifetimePeak,
    });
    log('');
    log(report);
    fs.writeFileSync(path.join(workDir, 'last-run.json'), JSON.stringify({ startedAt, results, lifetimePeak, pids }, null, 2));
    if (!values['no-write'] && !values['cpu-prof']) {
      writeBenchmarksSection(report);
      log('written to BENCHMARKS.md');
    }
    if (values['cpu-prof']) {
      // Each profiled process writes its profile on SIGUSR2 (bench/lib/cpuProfilePreload.cjs).
      for (const pid of Object.values(pids)) process.kill(pid, 'SIGUSR2');
      const until = Date.now() + 30_000;
      while (Date.now() < until && !Object.values(pids).every((pid) => fs.existsSync(path.join(profileDir, `CPU.${pid}.cpuprofile`))))
        await sleep(250);
      await stopAll();
      log('');
      log(summarizeCpuProfiles(profileDir, pids, 25, ages));
    }
  } finally {
    await stopAll();
    clearTimeout(watchdog);
  }
}

interface ReportInput {
  results: Measured[];
  cases: QueryCase[];
  connectionLevels: number[];
  duration: number;
  warmup: number;
  rounds: number;
  persons: number;
  certificates: number;
  startedAt: Date;
  person: { name: string; departments: string[] };
  baseline?: string;
  lifetimePeak: Record<string, number>;
}

const FRONT: Record<string, string> = { gateway: 'gateway', head: 'head', hive: 'hive' };
const SUBGRAPHS: readonly string[] = SERVICES;

function renderReport(input: ReportInput): string {
  const { results, cases, connectionLevels } = input;
  const find = (q: string, t: string, c: number) => results.find((r) => r.query === q && r.target === t && r.connections === c);
  const subgraphCpu = (r: Measured) => SUBGRAPHS.reduce((n, s) => n + (r.cpu[s] ?? 0), 0);
  const lines: string[] = [];
  const command = `npm run bench:gateway -- ${process.argv.slice(2).join(' ')}`.trim();
  lines.push(
    `Run: \`${command}\` on ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version};`,
  );
  lines.push(
    `data: the demo county in ${values.data}${values['in-place'] ? '' : ' (a private copy)'}: ${input.persons.toLocaleString('en')} persons known to the departments, ${input.certificates.toLocaleString('en')} certificates in six SQLite databases.`,
  );
  lines.push(
    `Each case: ${input.warmup} s warm-up, then ${input.duration} s measured${input.rounds > 1 ? ` in ${input.rounds} slices per target taken in turn (1 s warm-up before each later slice)` : ''} with autocannon (direct dossier: a closed-loop client replaying the plan); the machine is shared, so compare within the run.`,
  );
  lines.push(`Cases: ${cases.map((c) => `**${c.name}** = ${c.label}`).join('; ')}.`);
  lines.push(
    `Targets: **gateway** = our gateway (JWT verified per request, limits on); ${input.baseline ? `**head** = the gateway code at \`${input.baseline}\` (before this change); ` : ''}**hive** = Hive Gateway + router-runtime, authentication off, signed principal added per subgraph call; **direct** = the gateway's planned subgraph requests sent straight to the subgraphs (dossier: hrss, then the five entity fetches in parallel).`,
  );
  lines.push('');
  lines.push(
    '| case | conns | target | req/s | p50 ms | p95 ms | p99 ms | errors | front CPU s | front CPU ms/req | subgraphs CPU s | front peak RSS MB |',
  );
  lines.push('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const connections of connectionLevels) {
    for (const c of cases) {
      for (const r of results.filter((x) => x.query === c.name && x.connections === connections)) {
        const front = FRONT[r.target];
        const frontCpu = front ? r.cpu[front] : NaN;
        lines.push(
          `| ${c.name} | ${connections} | ${r.target} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${r.errors} | ${fmt(frontCpu)} | ${fmt((frontCpu * 1000) / r.count, 2)} | ${fmt(subgraphCpu(r))} | ${front ? fmt(r.peakRss[front], 0) : '–'} |`,
        );
      }
    }
  }
  lines.push('');
  lines.push('Ratios (requests/s; p95 as gateway ÷ other, lower is better for us):');
  lines.push('');
  lines.push(
    `| case | conns | gateway ÷ hive req/s | gateway ÷ hive p95 | gateway ÷ direct req/s |${input.baseline ? ' gateway ÷ head req/s | head p95 → gateway p95 |' : ''}`,
  );
  lines.push(`|---|---:|---:|---:|---:|${input.baseline ? '---:|---:|' : ''}`);
  for (const connections of connectionLevels) {
    for (const c of cases) {
      const g = find(c.name, 'gateway', connections);
      const h = find(c.name, 'hive', connections);
      const d = find(c.name, 'direct', connections);
      const b = find(c.name, 'head', connections);
      if (!g) continue;
      lines.push(
        `| ${c.name} | ${connections} | ${h ? fmt(g.rps / h.rps, 2) : '–'} | ${h ? fmt(g.p95 / h.p95, 2) : '–'} | ${d ? fmt(g.rps / d.rps, 2) : '–'} |${input.baseline ? ` ${b ? fmt(g.rps / b.rps, 2) : '–'} | ${b ? `${fmt(b.p95)} → ${fmt(g.p95)}` : '–'} |` : ''}`,
      );
    }
  }
  const top = Math.max(...connectionLevels);
  lines.push('');
  lines.push(
    `CPU seconds of every process during each ${input.duration} s case at ${top} connections (peak RSS MB of that case in brackets):`,
  );
  lines.push('');
  const procs = ['gateway', ...(input.baseline ? ['head'] : []), 'hive', ...SUBGRAPHS, 'loadgen'].filter((p) =>
    results.some((r) => r.cpu[p] !== undefined),
  );
  lines.push(`| case | target | ${procs.join(' | ')} |`);
  lines.push(`|---|---|${procs.map(() => '---:').join('|')}|`);
  for (const r of results.filter((x) => x.connections === top)) {
    lines.push(
      `| ${r.query} | ${r.target} | ${procs.map((p) => (p === 'loadgen' ? fmt(r.cpu[p]) : `${fmt(r.cpu[p])} (${fmt(r.peakRss[p], 0)})`)).join(' | ')} |`,
    );
  }
  lines.push('');
  lines.push(
    `Peak RSS over all cases (MB): ${Object.entries(input.lifetimePeak)
      .map(([n, v]) => `${n} ${fmt(v, 0)}`)
      .join(', ')}.`,
  );

  // The issue's targets, judged on this run.
  const dossier = find('dossier', 'gateway', top);
  const dossierHive = find('dossier', 'hive', top);
  const progress = find('progress', 'gateway', top);
  const progressDirect = find('progress', 'direct', top);
  const gatewayPeak = Math.max(...results.filter((r) => r.target === 'gateway').map((r) => r.peakRss.gateway));
  const errorsAtTop = results
    .filter((r) => r.connections === top && r.target === 'gateway')
    .map((r) => ({ name: r.query, errors: r.errors }));
  const othersFailing = results
    .filter((r) => r.connections === top && r.target !== 'gateway' && r.errors > 0)
    .map((r) => `${r.query}/${r.target}: ${r.errors}`);
  const ok = (b: boolean) => (b ? '**met**' : '**not met**');
  lines.push('');
  lines.push(`Targets (at ${top} connections):`);
  const dossiers = find('dossiers', 'gateway', top);
  const dossiersHive = find('dossiers', 'hive', top);
  const callers = find('progress-callers', 'gateway', top);
  const callersDirect = find('progress-callers', 'direct', top);
  if (dossier && dossierHive) {
    lines.push(
      `- dossier through the gateway ≥ 1.0× Hive's requests/s with p95 no worse: ${fmt(dossier.rps)} vs ${fmt(dossierHive.rps)} req/s (${fmt(dossier.rps / dossierHive.rps, 2)}×), p95 ${fmt(dossier.p95)} vs ${fmt(dossierHive.p95)} ms — ${ok(dossier.rps >= dossierHive.rps && dossier.p95 <= dossierHive.p95)}`,
    );
  }
  if (dossiers && dossiersHive) {
    lines.push(
      `  - the same with ${input.cases.find((c) => c.name === 'dossiers')?.requests.length ?? '?'} different persons (little to share): ${fmt(dossiers.rps)} vs ${fmt(dossiersHive.rps)} req/s (${fmt(dossiers.rps / dossiersHive.rps, 2)}×), p95 ${fmt(dossiers.p95)} vs ${fmt(dossiersHive.p95)} ms — ${ok(dossiers.rps >= dossiersHive.rps && dossiers.p95 <= dossiersHive.p95)}`,
    );
  }
  if (progress && progressDirect) {
    lines.push(
      `- countyProgress through the gateway ≥ 0.5× hrss direct: ${fmt(progress.rps)} vs ${fmt(progressDirect.rps)} req/s (${fmt(progress.rps / progressDirect.rps, 2)}×) — ${ok(progress.rps >= 0.5 * progressDirect.rps)}`,
    );
  }
  if (callers && callersDirect) {
    lines.push(
      `  - the same from ${input.cases.find((c) => c.name === 'progress-callers')?.requests.length ?? '?'} different callers (nothing shared): ${fmt(callers.rps)} vs ${fmt(callersDirect.rps)} req/s (${fmt(callers.rps / callersDirect.rps, 2)}×) — ${ok(callers.rps >= 0.5 * callersDirect.rps)}`,
    );
  }
  lines.push(`- gateway peak RSS under load ≤ 300 MB: ${fmt(gatewayPeak, 0)} MB — ${ok(gatewayPeak <= 300)}`);
  const failing = errorsAtTop.filter((e) => e.errors > 0);
  lines.push(
    `- no error responses from the gateway at ${top} connections (status ≠ 200 or a GraphQL errors array): ${failing.length ? failing.map((e) => `${e.name}: ${e.errors}`).join(', ') : `0 in ${errorsAtTop.length} runs`} — ${ok(failing.length === 0)}${othersFailing.length ? ` (errors elsewhere: ${othersFailing.join(', ')})` : ''}`,
  );
  return lines.join('\n');
}

const SECTION = '## 网关吞吐 Gateway throughput (issue 8)';
const BEGIN = '<!-- bench:gateway:begin (written by npm run bench:gateway) -->';
const END = '<!-- bench:gateway:end -->';

/** Replaces the generated part of this benchmark's section in BENCHMARKS.md; the rest of the file stays. */
function writeBenchmarksSection(report: string): void {
  const file = path.join(root, 'BENCHMARKS.md');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const generated = `${BEGIN}\n${report}\n${END}`;
  let next: string;
  if (text.includes(BEGIN) && text.includes(END)) {
    next = text.slice(0, text.indexOf(BEGIN)) + generated + text.slice(text.indexOf(END) + END.length);
  } else if (text.includes(SECTION)) {
    const at = text.indexOf(SECTION) + SECTION.length;
    next = `${text.slice(0, at)}\n\n${generated}\n${text.slice(at)}`;
  } else {
    next = `${text.trimEnd()}\n\n${SECTION}\n\n${generated}\n`;
  }
  fs.writeFileSync(file, next);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
