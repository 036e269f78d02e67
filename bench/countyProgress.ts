/**
 * npm run bench:progress -- [--persons 300000] [--data data/bench-300k] [--requests 300] [--keep-index] [--cpu-prof]
 *
 * County totals at scale: seeds the demo county (once), rebuilds the county service's holder index from empty while
 * timing it, then measures countyProgress through the gateway (cached and cold), the time for a new
 * certificate to reach the totals, and, in the same run, the naive way (one COUNT DISTINCT over all
 * departments' rows copied into one database) for the ratio. --cpu-prof profiles the county service and two departments
 * during the build and prints where their time went.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { makeIdNumber } from '@hub/identity';
import { ms, percentile, root, startHubProcess } from './lib/hubProcess';
import { summarizeCpuProfiles } from './lib/cpuProfileSummary';
import { pidListeningOn, processAgeSeconds, rssMb } from './lib/procStats';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '300000' },
    data: { type: 'string' },
    requests: { type: 'string', default: '300' },
    'keep-index': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
  },
});
const persons = Number(values.persons);
const dataDir = path.resolve(values.data ?? path.join(root, 'data', `bench-${persons}`));
const slugs = ['hrss', 'education', 'agriculture', 'veterans', 'civil-affairs', 'finance'];
const HEADLINE =
  '{ countyProgress(asOf: $asOf) { certificateHolders { value target ratio } skilledTalents { value } midHighSkilledTalents { value } highSkilledTalents { value } newlyCertified { value } trainingPersonTimes { value } byDepartment { department holders overlap } byTownship { key holders } byLevel { key holders } byMonth { month certificatesIssued } completeness { department pendingChanges lastSyncedAt } } }';
const QUERY = `query($asOf: Date) ${HEADLINE}`;

function log(line: string) {
  console.log(line);
}

async function main(): Promise<void> {
  log(
    `# countyProgress benchmark: ${persons} persons, data in ${path.relative(root, dataDir)}, ${os.cpus().length} cores, node ${process.version}`,
  );
  if (!fs.existsSync(path.join(dataDir, 'hrss.sqlite'))) {
    log('seeding (once; later runs reuse it) …');
    const started = Date.now();
    execFileSync(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      [path.join(root, 'scripts', 'seed.ts'), '--persons', String(persons), '--data', dataDir],
      { stdio: 'inherit' },
    );
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const counts = slugs.map((s) => {
    const db = new Database(path.join(dataDir, `${s}.sqlite`), { readonly: true });
    const row = db
      .prepare(
        'SELECT (SELECT COUNT(*) FROM certificate) AS c, (SELECT COUNT(*) FROM training) AS t, (SELECT COUNT(*) FROM change_log) AS l',
      )
      .get() as { c: number; t: number; l: number };
    db.close();
    return { slug: s, ...row };
  });
  const certificates = counts.reduce((n, c) => n + c.c, 0);
  const changes = counts.reduce((n, c) => n + c.l, 0);
  log(`data: ${certificates} certificates, ${counts.reduce((n, c) => n + c.t, 0)} trainings, ${changes} change-feed rows in 6 departments`);

  // The index from empty: the county service's database goes (it is created again at start), then the sync
  // is timed from the services' start. --keep-index skips the rebuild (to measure the queries alone on an index already built).
  if (!values['keep-index'])
    for (const file of ['county.sqlite', 'county.sqlite-wal', 'county.sqlite-shm']) fs.rmSync(path.join(dataDir, file), { force: true });

  const started = Date.now();
  // The first computation at this size can take longer than the gateway's default 5 s per department.
  const profileDir = path.join(root, 'tmp', 'bench-progress', 'profiles');
  fs.rmSync(profileDir, { recursive: true, force: true });
  const profiling = values['cpu-prof']
    ? { NODE_OPTIONS: `--require ${path.join(root, 'bench', 'lib', 'cpuProfilePreload.cjs')}`, HUB_CPU_PROF_DIR: profileDir }
    : {};
  const hub = await startHubProcess(dataDir, { HUB_SYNC_INTERVAL_MS: '500', HUB_COUNTY_TIMEOUT_MS: '120000', ...profiling }, 5500);
  try {
    const upAt = Date.now();
    const pids = Object.fromEntries(
      [
        ['gateway', 5500],
        ['county', 5507],
        ['education', 5502],
        ['agriculture', 5503],
      ].map(([name, port]) => [name, pidListeningOn(port as number) ?? -1]),
    );
    const ages = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, processAgeSeconds(pid)]));
    let built = 0;
    for (;;) {
      const res = await hub.graphql<{ countyProgress: { completeness: { pendingChanges: number; lastSyncedAt: string | null }[] } }>(
        '{ countyProgress { completeness { pendingChanges lastSyncedAt } } }',
      );
      const c = res.data?.countyProgress.completeness ?? [];
      if (c.length === 6 && c.every((d) => d.lastSyncedAt && d.pendingChanges === 0)) {
        built = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    log(
      `index built from empty: ${((built - upAt) / 1000).toFixed(1)} s after the services were up (${((built - started) / 1000).toFixed(1)} s after start), ${changes} changes`,
    );
    const countyPid = pidListeningOn(5507);
    if (values['cpu-prof']) {
      // Each profiled process writes its profile on SIGUSR2 (bench/lib/cpuProfilePreload.cjs).
      for (const pid of Object.values(pids)) process.kill(pid, 'SIGUSR2');
      await new Promise((r) => setTimeout(r, 3000));
      log(summarizeCpuProfiles(profileDir, pids, 30, ages));
    }

    // The first answer after the build: the county service reads the new index into memory once the feeds are drained.
    const asOf = '2026-11-26';
    const cold = Date.now();
    const first = await hub.graphql(QUERY, { asOf });
    const coldMs = Date.now() - cold;
    if (first.errors) throw new Error(JSON.stringify(first.errors));
    const countyRss = countyPid ? rssMb(countyPid) : NaN;
    const value = (first.data as { countyProgress: { certificateHolders: { value: number } } }).countyProgress.certificateHolders.value;

    const times: number[] = [];
    for (let i = 0; i < Number(values.requests); i++) {
      const t = process.hrtime.bigint();
      const res = await hub.graphql(QUERY, { asOf });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    times.sort((a, b) => a - b);

    const coldTimes: number[] = [];
    for (let d = 1; d <= 10; d++) {
      const t = process.hrtime.bigint();
      await hub.graphql(QUERY, { asOf: `2025-0${Math.ceil(d / 2)}-${String(d + 10).padStart(2, '0')}` });
      coldTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    coldTimes.sort((a, b) => a - b);

    // Freshness: a certificate for a person no department knew, committed now, polled until the county
    // total moves (a new person each run: the data folder is reused).
    const staff = { subject: 'bench-clerk', role: 'DEPARTMENT_STAFF' as const, department: 'EDUCATION' as const };
    const day = Math.floor(Date.now() / 1000);
    const newcomer = makeIdNumber('110105', `19${50 + (day % 40)}-0${1 + (day % 9)}-1${day % 10}`, day % 1000);
    const committed = Date.now();
    const rec = await hub.graphql(
      'mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }',
      {
        i: {
          idNumber: newcomer,
          name: '基准测试',
          township: '城关镇',
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_4',
          occupation: '6-18-02-04',
          certificateNumber: `BENCH-${Date.now()}`,
          issuingBody: '职教中心',
          issuedOn: '2026-11-01',
        },
      },
      staff,
    );
    if (rec.errors) throw new Error(JSON.stringify(rec.errors));
    let visibleMs = -1;
    let after = value;
    const freshness: number[] = [];
    while (Date.now() - committed < 30_000) {
      const t = process.hrtime.bigint();
      const res = await hub.graphql<{ countyProgress: { certificateHolders: { value: number } } }>(QUERY, { asOf });
      freshness.push(Number(process.hrtime.bigint() - t) / 1e6);
      after = res.data?.countyProgress.certificateHolders.value ?? 0;
      if (after > value) {
        visibleMs = Date.now() - committed;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    // The analysts' grouping right after that change: computed, not cached.
    const grouping = async () => {
      const t = process.hrtime.bigint();
      const res = await hub.graphql(
        '{ aggregate(dimensions: [TOWNSHIP, LEVEL], measures: [HOLDERS, CERTIFICATES, TRAININGS]) { rows { holders } } }',
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const groupingCold = await grouping();
    const groupingCached = await grouping();

    // The naive way: every department's certificates copied into one database, one COUNT DISTINCT each.
    const naivePath = path.join(os.tmpdir(), `naive-${process.pid}.sqlite`);
    const naive = new Database(naivePath);
    naive.exec(
      'CREATE TABLE all_certs (person_id TEXT, kind TEXT, level TEXT, issued_on TEXT, valid_until TEXT, status TEXT, revoked_on TEXT)',
    );
    for (const s of slugs) {
      naive.exec(`ATTACH '${path.join(dataDir, `${s}.sqlite`)}' AS d`);
      naive.exec('INSERT INTO all_certs SELECT person_id, kind, level, issued_on, valid_until, status, revoked_on FROM d.certificate');
      naive.exec('DETACH d');
    }
    const counting = `issued_on <= @asOf AND (status = 'VALID' OR revoked_on > @asOf) AND (valid_until IS NULL OR valid_until >= @asOf)`;
    const skilled = `kind IN ('VOCATIONAL_QUALIFICATION','SKILL_LEVEL','SPECIAL_OPERATION','SPECIAL_EQUIPMENT','SPECIAL_ABILITY')`;
    const statements = [
      `SELECT COUNT(DISTINCT person_id) AS n FROM all_certs WHERE ${counting}`,
      `SELECT COUNT(DISTINCT person_id) AS n FROM all_certs WHERE ${counting} AND ${skilled}`,
      `SELECT COUNT(DISTINCT person_id) AS n FROM all_certs WHERE ${counting} AND ${skilled} AND level IN ('LEVEL_1','LEVEL_2','LEVEL_3','LEVEL_4')`,
      `SELECT COUNT(DISTINCT person_id) AS n FROM all_certs WHERE ${counting} AND ${skilled} AND level IN ('LEVEL_1','LEVEL_2','LEVEL_3')`,
    ].map((sql) => naive.prepare(sql));
    const naiveTimes: number[] = [];
    let naiveHolders = 0;
    for (let i = 0; i < 5; i++) {
      const t = process.hrtime.bigint();
      const results = statements.map((st) => (st.get({ asOf }) as { n: number }).n);
      naiveTimes.push(Number(process.hrtime.bigint() - t) / 1e6);
      naiveHolders = results[0];
    }
    naive.close();
    fs.rmSync(naivePath, { force: true });
    naiveTimes.sort((a, b) => a - b);

    log('');
    log('| measure | value |');
    log('|---|---|');
    log(`| persons / certificates / change-feed rows | ${persons} / ${certificates} / ${changes} |`);
    log(`| index built from empty (services up → all feeds drained) | ${((built - upAt) / 1000).toFixed(1)} s |`);
    log(`| countyProgress through the gateway, first call after the build (index read into memory, then counted) | ${ms(coldMs)} |`);
    log(`| county service resident memory after that call | ${countyRss.toFixed(0)} MB |`);
    log(
      `| countyProgress through the gateway, p50 / p95 (${times.length} calls, same date) | ${ms(percentile(times, 50))} / ${ms(percentile(times, 95))} |`,
    );
    log(
      `| countyProgress, 10 new dates (each computed) p50 / max | ${ms(percentile(coldTimes, 50))} / ${ms(coldTimes[coldTimes.length - 1])} |`,
    );
    log(
      `| new certificate visible in the totals after commit (sync every 500 ms, polled every 100 ms) | ${visibleMs >= 0 ? `${ms(visibleMs)} (${value} → ${after}; slowest poll ${ms(Math.max(...freshness))})` : 'not within 30 s'} |`,
    );
    log(
      `| aggregate(TOWNSHIP × LEVEL; holders, certificates, trainings) right after that change / cached | ${ms(groupingCold)} / ${ms(groupingCached)} |`,
    );
    log(`| naive: 4 COUNT DISTINCT over all rows in one database (median of 5) | ${ms(percentile(naiveTimes, 50))} |`);
    log(`| ratio naive / countyProgress p50 | ${(percentile(naiveTimes, 50) / percentile(times, 50)).toFixed(1)}× |`);
    log(`| holders: index ${after} vs naive ${naiveHolders} | ${after === naiveHolders ? 'equal' : 'DIFFERENT'} |`);
  } finally {
    await hub.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
