/**
 * npm run bench:growth -- [--sizes 30000,300000,3000000] [--changes 100000] [--db-up-to 300000] [--db sqlite|mysql]
 *
 * How the county service's cost grows with the county: for each size, a fresh county index (SQLite, or --db) is filled
 * with synthetic persons, certificates and trainings straight through multi-row INSERTs (not the slow demo
 * seeding, not the departments), then measured in this one process:
 * - the model's memory (heap + array buffers after a full GC, per person) and its load time (the index read whole);
 * - countyProgress for a date not asked before (the full count over the model), the median of three;
 * - countyProgress right after 1,000 changes (a feed page applied, its persons re-read, the count again);
 * - the index's apply rate: --changes changes (certificates, corrections, trainings, person descriptions) applied
 *   as the leader does: pulled by HolderIndexSync from an in-memory feed of pages of 5,000 and applied through
 *   IndexWriter (a backlog several pages per transaction).
 * Sizes above --db-up-to are measured on the model alone (the synthetic rows put straight into a CountyModel,
 * no SQL): reading 3,000,000 persons out of SQLite takes many minutes on a busy machine and measures SQLite, not
 * the model; their load time is the model's own share, and they have no apply rate.
 * --db mysql measures on the MySQL/MariaDB server of HUB_MYSQL_HOST, HUB_MYSQL_PORT, HUB_MYSQL_USER and
 * HUB_MYSQL_PASSWORD (a database of its own per size, dropped afterwards) instead of an SQLite file.
 * Needs --expose-gc (the npm script passes it). Prints a Markdown table and the fitted cost per person.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { insertRows } from '@hub/subgraph-kit';
import { createContractEnv } from '@hub/subgraph-kit/src/testing';
import {
  certificateKinds,
  defaultCountingPolicy,
  Department,
  departments,
  kindInfo,
  occupations,
  townships,
  trainingChannels,
} from '@hub/vocabulary';
import type { CertificateStatus } from '@hub/vocabulary';
import { CountyModel } from '../subgraphs/county/src/progress/CountyModel';
import type { HoldingFact, PersonFact, TrainingFact } from '../subgraphs/county/src/repositories/CountyFactsRepository';
import { holding, personMaster, personSeen, trainingFact } from '../subgraphs/county/src/entities/indexTables';
import { LiveCountyModel } from '../subgraphs/county/src/progress/LiveCountyModel';
import { CountyFactsRepository } from '../subgraphs/county/src/repositories/CountyFactsRepository';
import { IndexGate } from '../subgraphs/county/src/repositories/IndexGate';
import type { FeedSource } from '../subgraphs/county/src/feeds/HolderIndexSync';
import type { FeedChange } from '../subgraphs/county/src/repositories/IndexWriter';
import { createCountySubgraph } from '../subgraphs/county/src/server';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '30000,300000,3000000' },
    changes: { type: 'string', default: '100000' },
    'db-up-to': { type: 'string', default: '300000' },
    db: { type: 'string', default: 'sqlite' },
  },
});
const DB = values.db;
if (DB !== 'sqlite' && DB !== 'mysql') throw new Error(`--db is sqlite or mysql, not ${DB}`);
const DB_UP_TO = Number(values['db-up-to']);
const sizes = values.sizes.split(',').map(Number);
const CHANGES = Number(values.changes);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:growth does)');

/** Deterministic pseudo-random numbers: the same data on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const personId = (n: number) => createHash('md5').update(`person-${n}`).digest('hex');
const townshipCodes = townships().map((t) => t.code);
const occupationCodes = occupations()
  .slice(0, 200)
  .map((o) => o.code.replace(/-/g, ''))
  .filter((c) => c.length <= 10);
const day = (r: () => number, fromYear: number, years: number) => {
  const d = new Date(Date.UTC(fromYear, 0, 1) + Math.floor(r() * years * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
};

function certificateRecord(r: () => number, holder: string) {
  const kind = certificateKinds[Math.floor(r() * certificateKinds.length)];
  const info = kindInfo[kind];
  const withdrawn = r() < 0.03;
  return {
    personId: holder,
    kind,
    talentCategory: info.talentCategory,
    level: info.levelled ? `LEVEL_${1 + Math.floor(r() * 5)}` : undefined,
    occupationCode: r() < 0.7 ? occupationCodes[Math.floor(r() * occupationCodes.length)] : null,
    issuedOn: day(r, 2015, 11),
    validUntil: r() < 0.2 ? day(r, 2026, 5) : null,
    status: withdrawn ? 'REVOKED' : 'VALID',
    revokedOn: withdrawn ? day(r, 2025, 2) : null,
  };
}

/** The index's rows for persons [from, to): each described by one department, 1.3 certificates and 0.5 trainings on average. */
function rowsFor(from: number, to: number) {
  const r = random(from + 1);
  const masters: Record<string, unknown>[] = [];
  const seen: Record<string, unknown>[] = [];
  const holdings: Record<string, unknown>[] = [];
  const trainings: Record<string, unknown>[] = [];
  for (let n = from; n < to; n++) {
    const id = personId(n);
    const department = departments[Math.floor(r() * departments.length)];
    const township = r() < 0.95 ? townshipCodes[Math.floor(r() * townshipCodes.length)] : null;
    const person = {
      personId: id,
      name: `人员${n}`,
      idNumberMasked: '410928********',
      sex: r() < 0.5 ? 'MALE' : 'FEMALE',
      birthYear: 1960 + Math.floor(r() * 45),
      townshipCode: township,
    };
    masters.push({ ...person, departments: department });
    seen.push({ ...person, department, updatedAt: '2025-01-01T00:00:00.000Z', seq: 1 });
    for (let c = r() < 0.7 ? 1 : r() < 0.8 ? 2 : 3; c > 0; c--) {
      const rec = certificateRecord(r, id);
      const kind = rec.kind;
      holdings.push({
        department,
        certificateId: `g${n}-${c}`,
        personId: id,
        kind,
        talentCategory: rec.talentCategory,
        skilled: kindInfo[kind].skilled ? 1 : 0,
        levelNumber: rec.level ? Number(rec.level.slice(-1)) : null,
        occupationCode: rec.occupationCode,
        issuedOn: rec.issuedOn,
        validUntil: rec.validUntil,
        status: rec.status,
        revokedOn: rec.revokedOn,
        grade: null,
        certificateNumber: `N${n}-${c}`,
        seq: 1,
      });
    }
    if (r() < 0.5) {
      trainings.push({
        department,
        trainingId: `t${n}`,
        personId: id,
        channel: trainingChannels[Math.floor(r() * trainingChannels.length)],
        targetGroup: 'OTHER',
        occupationCode: null,
        startDate: day(r, 2023, 3),
        endDate: null,
        outcome: r() < 0.1 ? 'DROPPED' : 'COMPLETED',
        apprenticeship: null,
        directed: 0,
        seq: 1,
      });
    }
  }
  return { masters, seen, holdings, trainings };
}

async function fill(dataSource: DataSource, persons: number): Promise<{ certificates: number; trainings: number }> {
  let certificates = 0;
  let trainings = 0;
  for (let from = 0; from < persons; from += 20_000) {
    const rows = rowsFor(from, Math.min(persons, from + 20_000));
    await dataSource.transaction(async (manager) => {
      await insertRows(manager, personMaster, rows.masters);
      await insertRows(manager, personSeen, rows.seen);
      await insertRows(manager, holding, rows.holdings);
      await insertRows(manager, trainingFact, rows.trainings);
    });
    certificates += rows.holdings.length;
    trainings += rows.trainings.length;
  }
  return { certificates, trainings };
}

/** `count` feed changes of one department for existing persons: new certificates, corrections, trainings, descriptions. */
function changes(persons: number, count: number, firstSeq: number, seed: number): FeedChange[] {
  const r = random(seed);
  const out: FeedChange[] = [];
  for (let i = 0; i < count; i++) {
    const n = Math.floor(r() * persons);
    const id = personId(n);
    const seq = firstSeq + i;
    const at = '2026-06-01T00:00:00.000Z';
    const pick = r();
    if (pick < 0.6) out.push({ seq, entity: 'certificate', entityId: `e${seq}`, personId: id, at, record: certificateRecord(r, id) });
    else if (pick < 0.7)
      out.push({
        seq,
        entity: 'certificate',
        entityId: `e${Math.floor(r() * Math.max(1, seq - 1))}`,
        personId: id,
        at,
        record: certificateRecord(r, id),
      });
    else if (pick < 0.9)
      out.push({
        seq,
        entity: 'training',
        entityId: `f${seq}`,
        personId: id,
        at,
        record: {
          personId: id,
          channel: 'SOCIAL_RURAL',
          targetGroup: 'OTHER',
          startDate: day(r, 2025, 2),
          endDate: null,
          outcome: 'COMPLETED',
          programme: r() < 0.1 ? '订单班' : '培训',
        },
      });
    else
      out.push({
        seq,
        entity: 'person',
        entityId: id,
        personId: id,
        at,
        record: {
          name: `人员${n}`,
          idNumberMasked: '410928********',
          sex: 'MALE',
          birthYear: 1980,
          townshipCode: townshipCodes[n % townshipCodes.length],
          updatedAt: at,
        },
      });
  }
  return out;
}

const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const t = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - t) / 1e6];
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The rows as the model reads them from the index (CountyFactsRepository's facts). */
function factsFor(from: number, to: number): [PersonFact[], HoldingFact[], TrainingFact[]] {
  const rows = rowsFor(from, to);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return [
    rows.masters.map((m) => ({
      personId: String(m.personId),
      townshipCode: str(m.townshipCode),
      sex: str(m.sex),
      birthYear: m.birthYear === null || m.birthYear === undefined ? null : Number(m.birthYear),
    })),
    rows.holdings.map((h) => ({
      personId: String(h.personId),
      department: String(h.department),
      kind: String(h.kind),
      talentCategory: String(h.talentCategory),
      skilled: Number(h.skilled),
      levelNumber: h.levelNumber === null ? null : Number(h.levelNumber),
      occupationCode: str(h.occupationCode),
      issuedOn: String(h.issuedOn),
      validUntil: str(h.validUntil),
      status: String(h.status) as CertificateStatus,
      revokedOn: str(h.revokedOn),
    })),
    rows.trainings
      .filter((t) => t.outcome !== 'DROPPED')
      .map((t) => ({
        personId: String(t.personId),
        department: String(t.department),
        occupationCode: null,
        startDate: String(t.startDate),
        channel: String(t.channel),
        targetGroup: String(t.targetGroup),
      })),
  ];
}

/** countyProgress's rules (CountyProgressService). */
const RULES = { midHighMaxLevel: 4, highMaxLevel: 3, unlevelledIsMidHigh: defaultCountingPolicy.unlevelledSkilledCountsAsMidHigh };

/** A size past --db-up-to: the model alone, filled straight from synthetic facts. */
async function measureModel(persons: number): Promise<Row> {
  const before = memory();
  const model = new CountyModel(() => 0);
  let loadMs = 0;
  let certificates = 0;
  for (let from = 0; from < persons; from += 20_000) {
    const [p, h, t] = factsFor(from, Math.min(persons, from + 20_000));
    certificates += h.length;
    loadMs += (await time(async () => model.put([], p, h, t)))[1];
  }
  const modelBytes = memory() - before;
  const newDate: number[] = [];
  for (const asOf of ['2026-10-01', '2025-07-15', '2024-03-31'])
    newDate.push((await time(async () => model.counts(asOf, '2025-01-01', RULES)))[1]);
  // 1,000 changed persons re-read (here: their facts put again, with a new certificate each) and the count redone.
  const r = random(7);
  const changed = Array.from({ length: 1000 }, () => Math.floor(r() * persons));
  const [, afterChangesMs] = await time(async () => {
    for (const n of changed) {
      const [p, h, t] = factsFor(n, n + 1);
      h.push({ ...h[0], issuedOn: '2026-06-01' });
      model.put([p[0].personId], p, h, t);
    }
    model.counts('2026-11-26', '2025-01-01', RULES);
  });
  if (model.persons !== persons) throw new Error(`model has ${model.persons} persons, expected ${persons}`);
  return {
    persons,
    certificates,
    fillS: 0,
    bytesPerPerson: modelBytes / persons,
    modelMb: modelBytes / 1e6,
    loadMs,
    newDateMs: median(newDate),
    afterChangesMs,
    applyPerSecond: NaN,
    applyPerCpuSecond: NaN,
    modelOnly: true,
  };
}

interface Row {
  /** Measured on the model alone (no SQL): load is the model's own share, no apply rate. */
  modelOnly?: boolean;
  persons: number;
  certificates: number;
  fillS: number;
  bytesPerPerson: number;
  modelMb: number;
  loadMs: number;
  newDateMs: number;
  afterChangesMs: number;
  applyPerSecond: number;
  /** Changes per second of this process's own CPU time (the machine may be shared). */
  applyPerCpuSecond: number;
}

async function measure(persons: number): Promise<Row> {
  // A temp folder for SQLite, or a database of its own on the MySQL server (createContractEnv drops it afterwards).
  const contract = createContractEnv({ HUB_LOG_LEVEL: 'error', HUB_DB: DB });
  // EDUCATION's feed serves `feed` (empty until the apply rate is measured); the other departments' are empty.
  let feed: FeedChange[] = [];
  const education: FeedSource = async (after, limit) => {
    let from = 0;
    for (let to = feed.length; from < to;) {
      const mid = (from + to) >> 1;
      if (feed[mid].seq <= after) from = mid + 1;
      else to = mid;
    }
    return { changes: feed.slice(from, from + limit), latestSeq: feed.length ? feed[feed.length - 1].seq : 0 };
  };
  const empty: FeedSource = async () => ({ changes: [], latestSeq: 0 });
  const feeds = Object.fromEntries(departments.map((d) => [d, d === 'EDUCATION' ? education : empty])) as Record<Department, FeedSource>;
  const county = createCountySubgraph(contract.env, undefined, feeds);
  try {
    await county.init();
    const [filled, fillMs] = await time(() => fill(county.dataSource, persons));
    console.error(
      `  ${persons}: filled ${filled.certificates} certificates, ${filled.trainings} trainings in ${(fillMs / 1000).toFixed(0)} s`,
    );

    // The model alone: read whole from the index, as every replica does at start.
    const before = memory();
    const live = new LiveCountyModel(new IndexGate(), new CountyFactsRepository(county.dataSource), () => 0);
    const [loaded, loadMs] = await time(() => live.read((m) => m.persons));
    const modelBytes = memory() - before;
    if (loaded !== persons) throw new Error(`model has ${loaded} persons, expected ${persons}`);

    // countyProgress through the service (its own model, loaded once untimed), for dates not asked before.
    const { progress, writer } = county.services;
    await progress.figures('2026-11-26');
    const newDate: number[] = [];
    for (const asOf of ['2026-10-01', '2025-07-15', '2024-03-31']) newDate.push((await time(() => progress.figures(asOf)))[1]);

    // 1,000 changes, then the figures again (its persons re-read, the count redone).
    await writer.apply('EDUCATION', changes(persons, 1000, 1, 7), 1000);
    const [, afterChangesMs] = await time(() => progress.figures('2026-11-26'));

    // The apply rate: the leader's sync drains the feed, as it does when a backlog comes in.
    feed = changes(persons, CHANGES, 1001, 11);
    const cpu = process.cpuUsage();
    const [synced, applyMs] = await time(() => county.services.sync.syncDepartment('EDUCATION'));
    const cpuUsed = process.cpuUsage(cpu);
    if (synced.error || synced.applied !== CHANGES) throw new Error(`applied ${synced.applied} of ${CHANGES}: ${synced.error ?? ''}`);
    void live;
    return {
      persons,
      certificates: filled.certificates,
      fillS: fillMs / 1000,
      bytesPerPerson: modelBytes / persons,
      modelMb: modelBytes / 1e6,
      loadMs,
      newDateMs: median(newDate),
      afterChangesMs,
      applyPerSecond: CHANGES / (applyMs / 1000),
      applyPerCpuSecond: CHANGES / ((cpuUsed.user + cpuUsed.system) / 1e6),
    };
  } finally {
    await county.stop();
    await contract.cleanup('county');
  }
}

/** Least squares y = a + b·x. */
function fit(xs: number[], ys: number[]): { a: number; b: number } {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const b = sxx ? xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0) / sxx : 0;
  return { a: my - b * mx, b };
}

async function main(): Promise<void> {
  console.log(
    `# growth curve: ${sizes.join(', ')} persons, ${CHANGES} changes applied, ${os.cpus().length} cores, node ${process.version}, ${DB === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'}`,
  );
  const rows: Row[] = [];
  const line = (r: Row) =>
    `| ${r.persons.toLocaleString('en')}${r.modelOnly ? ' (model alone)' : ''} | ${r.certificates.toLocaleString('en')} | ${r.modelMb.toFixed(0)} MB | ${r.bytesPerPerson.toFixed(0)} | ${(r.loadMs / 1000).toFixed(2)} s | ${r.newDateMs.toFixed(0)} ms | ${r.afterChangesMs.toFixed(0)} ms | ${r.modelOnly ? '–' : `${Math.round(r.applyPerSecond).toLocaleString('en')}/s (${(100_000 / r.applyPerSecond).toFixed(1)} s per 100k)`} | ${r.modelOnly ? '–' : `${Math.round(r.applyPerCpuSecond).toLocaleString('en')}/s`} |`;
  for (const size of sizes) {
    rows.push(size > DB_UP_TO ? await measureModel(size) : await measure(size));
    console.error(line(rows[rows.length - 1]));
  }
  console.log(
    '\n| persons | certificates | model memory | bytes/person | model load | countyProgress, new date | after 1,000 changes | index apply (wall) | index apply (per CPU second) |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(line(r));
  if (rows.length > 1) {
    const xs = rows.map((r) => r.persons);
    // Load times differ in kind (SQL read vs the model alone): the fit of load uses the database sizes only.
    const per = (ys: number[], unit: string, scale: number) => {
      const { a, b } = fit(xs, ys);
      return `${(b * scale).toFixed(3)} ${unit} per person (+ ${a.toFixed(0)})`;
    };
    const db = rows.filter((r) => !r.modelOnly);
    const load =
      db.length > 1
        ? fit(
            db.map((r) => r.persons),
            db.map((r) => r.loadMs),
          )
        : null;
    console.log(
      `\nfitted: memory ${per(
        rows.map((r) => r.modelMb * 1e6),
        'bytes',
        1,
      )}; load from the index ${load ? `${(load.b * 1000).toFixed(1)} µs per person` : '–'}; new-date count ${per(
        rows.map((r) => r.newDateMs),
        'µs',
        1000,
      )}; after 1,000 changes ${per(
        rows.map((r) => r.afterChangesMs),
        'µs',
        1000,
      )}`,
    );
  }
  const top = rows[rows.length - 1];
  const checks = [
    [`countyProgress for a new date ≤ 1 s at ${top.persons}`, top.newDateMs <= 1000],
    [`after 1,000 changes ≤ 1 s at ${top.persons}`, top.afterChangesMs <= 1000],
    ['model memory ≤ 200 bytes/person', rows.every((r) => r.bytesPerPerson <= 200)],
    ['index apply ≥ 20,000 changes/s', rows.filter((r) => !r.modelOnly).every((r) => r.applyPerSecond >= 20_000)],
  ] as const;
  for (const [label, ok] of checks) console.log(`${ok ? 'PASS' : 'MISS'} ${label}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
