import { CertificateRecord, PersonRecord, TrainingRecord } from '@hub/subgraph-kit';
import { levelNumber } from '@hub/vocabulary';
import type { Principal } from '@hub/auth';
import { slugs, startHub, TestHub } from './fixtures/startHub';

const AS_OF = '2026-11-26';
const analyst: Principal = { subject: 'analyst', role: 'ANALYST' };

type Row = {
  keys: { dimension: string; key: string | null; label: string }[];
  holders: number | null;
  certificates: number | null;
  trainings: number | null;
  suppressed: boolean;
};
const AGGREGATE = `query($d: [AggregateDimension!]!, $m: [AggregateMeasure!], $asOf: Date, $f: AggregateFilter, $limit: Int) {
  aggregate(dimensions: $d, measures: $m, asOf: $asOf, filter: $f, limit: $limit) { asOf truncated notApplicable rows { keys { dimension key label } holders certificates trainings suppressed } } }`;

const byKey = (rows: Row[]) =>
  Object.fromEntries(rows.map((r) => [r.keys.map((k) => String(k.key)).join('|'), { holders: r.holders, certificates: r.certificates }]));

describe('the analysts’ aggregate query', () => {
  let hub: TestHub;

  const aggregate = async (variables: Record<string, unknown>, who?: Principal) => {
    const res = who ? (await hub.queryAs(who, AGGREGATE, variables)).body : await hub.query(AGGREGATE, variables);
    return res;
  };

  beforeAll(async () => {
    hub = await startHub({ persons: 400 });
    await hub.query('mutation { syncHolderIndex { department } }');
  }, 180_000);

  afterAll(() => hub?.stop());

  it('returns the same numbers as countyProgress’s breakdowns by township, level and department', async () => {
    const progress = (
      await hub.query(
        `{ countyProgress(asOf: "${AS_OF}") { byTownship { key holders certificates } byLevel { key holders certificates } byDepartment { department holders certificates } } }`,
      )
    ).data.countyProgress;
    const townships = await aggregate({ d: ['TOWNSHIP'], asOf: AS_OF });
    expect(townships.errors).toBeUndefined();
    expect(byKey(townships.data.aggregate.rows)).toEqual(
      Object.fromEntries(
        progress.byTownship.map((r: Row & { key: string }) => [String(r.key), { holders: r.holders, certificates: r.certificates }]),
      ),
    );
    const levels = (await aggregate({ d: ['LEVEL'], asOf: AS_OF })).data.aggregate.rows.filter((r: Row) => r.keys[0].key !== null);
    expect(byKey(levels)).toEqual(
      Object.fromEntries(
        progress.byLevel.map((r: Row & { key: string }) => [String(r.key), { holders: r.holders, certificates: r.certificates }]),
      ),
    );
    const departments = (await aggregate({ d: ['DEPARTMENT'], asOf: AS_OF })).data.aggregate.rows;
    for (const d of progress.byDepartment.filter((x: { holders: number }) => x.holders > 0)) {
      expect(byKey(departments)[d.department]).toEqual({ holders: d.holders, certificates: d.certificates });
    }
  });

  it('counts distinct holders by township × level exactly as the departments’ raw rows say', async () => {
    const raws = await Promise.all(
      slugs.map(async (slug) => ({
        certificates: await hub.subgraphs[slug].dataSource.getRepository<CertificateRecord>('Certificate').find(),
        people: await hub.subgraphs[slug].dataSource.getRepository<PersonRecord>('Person').find(),
      })),
    );
    const township = new Map<string, string | null>();
    for (const r of raws) for (const p of r.people) township.set(p.personId, p.townshipCode);
    const counting = raws
      .flatMap((r) => r.certificates)
      .filter(
        (c) =>
          c.issuedOn <= AS_OF &&
          (c.status !== 'REVOKED' || (c.revokedOn ?? c.issuedOn) > AS_OF) &&
          (c.validUntil === null || c.validUntil >= AS_OF),
      );
    const expected: Record<string, { holders: Set<string>; certificates: number }> = {};
    for (const c of counting) {
      const key = `${township.get(c.personId) ?? 'null'}|${c.level ? levelNumber(c.level) : 'null'}`;
      expected[key] ??= { holders: new Set(), certificates: 0 };
      expected[key].holders.add(c.personId);
      expected[key].certificates++;
    }
    const got = await aggregate({ d: ['TOWNSHIP', 'LEVEL'], asOf: AS_OF, limit: 5000 });
    expect(got.data.aggregate.truncated).toBe(false);
    expect(byKey(got.data.aggregate.rows)).toEqual(
      Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, { holders: v.holders.size, certificates: v.certificates }])),
    );
  });

  it('perturbs every group for analysts (never 1–4, within the published bound, for a month end) but shows the county administrator exact figures', async () => {
    const monthEnd = '2026-10-31';
    const admin = (await aggregate({ d: ['TOWNSHIP', 'LEVEL'], asOf: monthEnd })).data.aggregate.rows as Row[];
    const answer = (await aggregate({ d: ['TOWNSHIP', 'LEVEL'], asOf: AS_OF }, analyst)).data.aggregate;
    expect(answer.asOf).toBe(monthEnd);
    const forAnalyst = answer.rows as Row[];
    const small = admin.filter((r) => (r.holders ?? 0) < 5);
    expect(small.length).toBeGreaterThan(0);
    const seen = new Map(forAnalyst.map((r) => [r.keys.map((k) => k.key).join('|'), r]));
    for (const row of admin) {
      const published = seen.get(row.keys.map((k) => k.key).join('|'));
      if (row.holders! < 5) expect(published === undefined || published.holders === 5).toBe(true);
      else expect(Math.abs(published!.holders! - row.holders!)).toBeLessThanOrEqual(3);
    }
    for (const row of forAnalyst) {
      expect(row.holders).toBeGreaterThanOrEqual(5);
      expect(row.certificates).toBeGreaterThanOrEqual(row.holders!);
    }
    // Perturbed, not merely suppressed: some group of five or more differs from its exact count.
    expect(admin.some((r) => r.holders! >= 6 && seen.get(r.keys.map((k) => k.key).join('|'))?.holders !== r.holders)).toBe(true);
    expect((await aggregate({ d: ['TOWNSHIP', 'LEVEL'], asOf: AS_OF }, analyst)).data.aggregate.rows).toEqual(forAnalyst);
  });

  it('counts trainings where they apply and says where they do not', async () => {
    const months = await aggregate({ d: ['MONTH'], m: ['TRAININGS'], asOf: AS_OF, f: { from: '2024-01-01', to: '2024-12-31' } });
    expect(months.errors).toBeUndefined();
    expect(months.data.aggregate.rows.length).toBe(12);
    expect(months.data.aggregate.rows.every((r: Row) => (r.trainings ?? 0) > 0 && r.keys[0].key!.startsWith('2024-'))).toBe(true);
    const levels = await aggregate({ d: ['LEVEL'], m: ['HOLDERS', 'TRAININGS'], asOf: AS_OF });
    expect(levels.data.aggregate.notApplicable).toEqual(['TRAININGS']);
  });

  it('counts trainings by target group, channel, sex and age band exactly as the departments’ raw rows say', async () => {
    const raws = await Promise.all(
      slugs.map(async (slug) => ({
        trainings: await hub.subgraphs[slug].dataSource.getRepository<TrainingRecord>('Training').find(),
        people: await hub.subgraphs[slug].dataSource.getRepository<PersonRecord>('Person').find(),
      })),
    );
    const person = new Map<string, PersonRecord>();
    for (const r of raws) for (const p of r.people) person.set(p.personId, p);
    const band = (birthDate: string) => {
      const age = Number(AS_OF.slice(0, 4)) - Number(birthDate.slice(0, 4));
      return age < 16
        ? '0-15'
        : age < 25
          ? '16-24'
          : age < 35
            ? '25-34'
            : age < 45
              ? '35-44'
              : age < 55
                ? '45-54'
                : age < 65
                  ? '55-64'
                  : '65+';
    };
    const expected: Record<string, number> = {};
    for (const t of raws.flatMap((r) => r.trainings).filter((t) => t.outcome !== 'DROPPED' && t.startDate <= AS_OF)) {
      const p = person.get(t.personId)!;
      const key = `${t.targetGroup}|${t.channel}|${p.sex}`;
      expected[key] = (expected[key] ?? 0) + 1;
      const byAge = `age|${band(p.birthDate)}`;
      expected[byAge] = (expected[byAge] ?? 0) + 1;
    }
    const got = await aggregate({ d: ['TARGET_GROUP', 'CHANNEL', 'SEX'], m: ['TRAININGS'], asOf: AS_OF, limit: 5000 });
    expect(got.errors).toBeUndefined();
    const ages = await aggregate({ d: ['AGE_BAND'], m: ['TRAININGS'], asOf: AS_OF });
    const published = Object.fromEntries([
      ...got.data.aggregate.rows.map((r: Row) => [r.keys.map((k) => k.key).join('|'), r.trainings]),
      ...ages.data.aggregate.rows.map((r: Row) => [`age|${r.keys[0].key}`, r.trainings]),
    ]);
    expect(published).toEqual(expected);
    expect(got.data.aggregate.rows[0].keys.map((k: { label: string }) => k.label).join('')).toMatch(/(男|女)$/);
  });

  it('publishes the new dimensions to analysts by the same disclosure control, and says certificates have no target group or channel', async () => {
    const exact = (await aggregate({ d: ['TARGET_GROUP', 'SEX'], m: ['TRAININGS'], asOf: '2026-10-31' })).data.aggregate.rows as Row[];
    const answer = (await aggregate({ d: ['TARGET_GROUP', 'SEX'], m: ['TRAININGS'], asOf: AS_OF }, analyst)).data.aggregate;
    expect(answer.asOf).toBe('2026-10-31');
    const seen = new Map((answer.rows as Row[]).map((r) => [r.keys.map((k) => k.key).join('|'), r.trainings]));
    expect(exact.some((r) => r.trainings! < 5)).toBe(true);
    for (const row of exact) {
      const published = seen.get(row.keys.map((k) => k.key).join('|'));
      if (published !== undefined) expect(published).toBeGreaterThanOrEqual(5);
    }
    const holders = await aggregate({ d: ['SEX', 'AGE_BAND'], asOf: AS_OF }, analyst);
    expect((holders.data.aggregate.rows as Row[]).every((r) => r.holders! >= 5 && r.certificates! >= r.holders!)).toBe(true);
    const channels = await aggregate({ d: ['CHANNEL'], m: ['HOLDERS', 'TRAININGS'], asOf: AS_OF });
    expect(channels.data.aggregate.notApplicable).toEqual(['HOLDERS']);
    expect((channels.data.aggregate.rows as Row[]).every((r) => r.holders === null && (r.trainings ?? 0) > 0)).toBe(true);
  });

  it('filters by a township written the way a clerk writes it', async () => {
    const a = await aggregate({ d: ['LEVEL'], asOf: AS_OF, f: { township: '濮阳县王称固镇' } });
    const b = await aggregate({ d: ['LEVEL'], asOf: AS_OF, f: { township: '410928111' } });
    expect(a.errors).toBeUndefined();
    expect(a.data.aggregate.rows).toEqual(b.data.aggregate.rows);
  });

  it('refuses more than three dimensions, a bad limit and an unknown township', async () => {
    expect((await aggregate({ d: ['TOWNSHIP', 'LEVEL', 'KIND', 'MONTH'] })).errors?.[0].extensions?.reason).toBe('TOO_MANY_DIMENSIONS');
    expect((await aggregate({ d: ['TOWNSHIP'], limit: 0 })).errors?.[0].extensions?.reason).toBe('BAD_LIMIT');
    expect((await aggregate({ d: ['TOWNSHIP'], limit: 100000 })).errors?.[0].extensions?.reason).toBe('BAD_LIMIT');
    expect((await aggregate({ d: ['TOWNSHIP'], f: { township: '新习镇' } })).errors?.[0].extensions?.reason).toBe('UNKNOWN_TOWNSHIP');
  });

  it('serves a cached answer until the holder index changes', async () => {
    const before = (await aggregate({ d: ['DEPARTMENT'], asOf: AS_OF })).data.aggregate.rows as Row[];
    const res = await hub.query('mutation($i: FinanceCertificateInput!) { recordFinanceCertificate(input: $i) { id } }', {
      i: {
        idNumber: '34052419800101001X',
        name: '缓存',
        township: '城关镇',
        kind: 'PROFESSIONAL_TITLE',
        occupation: '会计专业人员',
        certificateNumber: 'AGG-CACHE-1',
        issuingBody: '财政厅',
        issuedOn: '2025-02-01',
      },
    });
    expect(res.errors).toBeUndefined();
    expect((await aggregate({ d: ['DEPARTMENT'], asOf: AS_OF })).data.aggregate.rows).toEqual(before);
    await hub.query('mutation { syncHolderIndex { department } }');
    const after = (await aggregate({ d: ['DEPARTMENT'], asOf: AS_OF })).data.aggregate.rows as Row[];
    const finance = (rows: Row[]) => rows.find((r) => r.keys[0].key === 'FINANCE')!.certificates;
    expect(finance(after)).toBe((finance(before) ?? 0) + 1);
  });
});
