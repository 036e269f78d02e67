import { makeIdNumber } from '@hub/identity';
import { cellKeyParameters, completedMonthEnd, feasibleCounts, Principal } from '@hub/auth';
import { townships } from '@hub/vocabulary';
import { startHub, TestHub } from './fixtures/startHub';

/**
 * The three ways an analyst undid small-cell suppression, replayed through the gateway as an analyst and as a
 * dashboard against a county with a planted small cell: (a) the total minus the visible groups, (b) asking only
 * for the other measures, (c) two as-of dates one day apart. Each time the attacker is shown to learn nothing
 * that tells the small cell's true size apart from the other small sizes.
 */
const analyst: Principal = { subject: 'attacker', role: 'ANALYST' };
const dashboard: Principal = { subject: 'big-screen', role: 'DASHBOARD' };
const WELDER = '6-18-02-04';
const { threshold: T, maxPerturbation: D } = cellKeyParameters;

const all = townships();
/** Holders of a 三级 (LEVEL_3) 人社局 certificate in 2025 per township; the last township is the planted small cell. */
const VISIBLE = [9, 12, 7, 15, 6, 10];
const HIDDEN = all[VISIBLE.length];
/** The same county again at 二级 (LEVEL_2), with the small cell of 1 instead of 4: its twin that must not be told apart. */
const SCENARIOS = [
  { level: 'LEVEL_3', hidden: 4 },
  { level: 'LEVEL_2', hidden: 1 },
] as const;
const AS_OF = '2025-02-28';
const FILTER = (level: string) => ({ level, department: 'HRSS', from: '2025-01-01' });

type Row = {
  keys: { key: string | null }[];
  holders: number | null;
  certificates: number | null;
  trainings: number | null;
  suppressed: boolean;
};
const AGGREGATE = `query($d: [AggregateDimension!]!, $m: [AggregateMeasure!], $asOf: Date, $f: AggregateFilter) {
  aggregate(dimensions: $d, measures: $m, asOf: $asOf, filter: $f, limit: 100) { asOf rows { keys { key } holders certificates trainings suppressed } } }`;

/** What the attacker can conclude from a published figure, with the published table and bound. */
const range = (published: number | null | undefined) => feasibleCounts(published ?? 0);

describe('disclosure control against differencing (cell-key method)', () => {
  let hub: TestHub;
  let sequence = 100;
  const person = (township: string) => ({ idNumber: makeIdNumber('410928', '1990-03-03', sequence++), name: `测${sequence}`, township });

  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const certify = (p: object, level: string, issuedOn: string) =>
    ok('mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { id } }', {
      i: {
        ...p,
        kind: 'SKILL_LEVEL',
        level,
        occupation: WELDER,
        certificateNumber: `DC-${sequence}-${level}-${issuedOn}`,
        issuingBody: '评价站',
        issuedOn,
      },
    });
  const train = (p: object, startDate: string) =>
    ok('mutation($i: HrssTrainingInput!) { recordHrssTraining(input: $i) { id } }', {
      i: {
        ...p,
        programme: `焊工 ${startDate}`,
        occupation: WELDER,
        channel: 'ENTERPRISE',
        targetGroup: 'EMPLOYEE',
        provider: '培训机构',
        startDate,
        endDate: null,
        outcome: 'COMPLETED',
      },
    });
  const aggregate = async (who: Principal | null, variables: Record<string, unknown>) => {
    const body = who ? (await hub.queryAs(who, AGGREGATE, variables)).body : await hub.query(AGGREGATE, variables);
    expect(body.errors).toBeUndefined();
    return body.data.aggregate as { asOf: string; rows: Row[] };
  };
  const inTownship = (rows: Row[], code: string) => rows.find((r) => r.keys[0].key === code);

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    for (const { level, hidden } of SCENARIOS) {
      for (const [i, n] of VISIBLE.entries())
        for (let k = 0; k < n; k++) await certify(person(all[i].name), level, `2025-02-${String(1 + (k % 20)).padStart(2, '0')}`);
      for (let k = 0; k < hidden; k++) {
        const p = person(HIDDEN.name);
        // Two certificates and two trainings each: more records than the threshold, from fewer persons.
        await certify(p, level, '2025-02-03');
        await certify({ ...p, name: p.name }, level, '2025-02-04');
        if (level === 'LEVEL_3') {
          await train(p, '2025-02-05');
          await train(p, '2025-02-06');
        }
      }
    }
    // (c): one new holder in the first township, certified on 2025-03-11.
    await certify(person(all[0].name), 'LEVEL_3', '2025-03-11');
    await ok('mutation { syncHolderIndex { department } }');
  }, 180_000);

  afterAll(() => hub?.stop());

  it('plants what the attacks were after: the county administrator sees the small cells exactly', async () => {
    for (const { level, hidden } of SCENARIOS) {
      const rows = (await aggregate(null, { d: ['TOWNSHIP'], asOf: AS_OF, f: FILTER(level) })).rows;
      expect(inTownship(rows, HIDDEN.code)).toMatchObject({ holders: hidden, certificates: 2 * hidden });
      expect(rows.map((r) => r.holders).sort((a, b) => a! - b!)).toEqual([hidden, ...VISIBLE].sort((a, b) => a - b));
    }
    const day = async (asOf: string) =>
      inTownship((await aggregate(null, { d: ['TOWNSHIP'], asOf, f: FILTER('LEVEL_3') })).rows, all[0].code)!.holders;
    expect((await day('2025-03-11'))! - (await day('2025-03-10'))!).toBe(1);
  });

  describe.each([
    ['an analyst', analyst],
    ['a dashboard', dashboard],
  ])('as %s', (_name, who) => {
    it('(a) the total minus the visible groups leaves every small size 1–4 possible (and 0 when the group is left out)', async () => {
      for (const { level, hidden } of SCENARIOS) {
        const groups = (await aggregate(who, { d: ['TOWNSHIP'], asOf: AS_OF, f: FILTER(level) })).rows;
        const total = (await aggregate(who, { d: [], asOf: AS_OF, f: FILTER(level) })).rows[0]?.holders;
        const hiddenRow = inTownship(groups, HIDDEN.code);
        for (const row of groups) expect(row.holders! >= T).toBe(true);
        // Every bound the attacker has: the total's range minus the visible groups' ranges (assuming the attacker knows every other township is empty).
        const visible = groups.filter((r) => r !== hiddenRow).map((r) => range(r.holders));
        const low = range(total).min - visible.reduce((s, r) => s + r.max, 0);
        const high = range(total).max - visible.reduce((s, r) => s + r.min, 0);
        const own = range(hiddenRow?.holders);
        const feasible = [0, 1, 2, 3, 4].filter((h) => h >= low && h <= high && h >= own.min && h <= own.max);
        expect(feasible).toEqual(hiddenRow ? [1, 2, 3, 4] : [0, 1, 2, 3, 4]);
        expect(feasible).toContain(hidden);
        // The published total is not the exact one, and no group is published as its exact small size.
        expect(hiddenRow?.holders ?? 0).not.toBe(hidden);
      }
    });

    it('(d) cannot count the small cell through record lists instead: totalCount, paging, people and the dossier are refused', async () => {
      const cell = `township: "${HIDDEN.code}", level: LEVEL_3`;
      const attacks = [
        `{ hrssCertificates(filter: { ${cell} }) { totalCount } }`,
        `{ hrssCertificates(first: 100, filter: { ${cell} }) { nodes { id person { id } } pageInfo { hasNextPage endCursor } } }`,
        `{ hrssCertificates(first: 100) { edges { cursor node { level person { township { code } } } } } }`,
        `{ hrssTrainings(filter: { township: "${HIDDEN.code}" }) { totalCount } }`,
        `{ people(filter: { township: "${HIDDEN.code}", department: HRSS }) { totalCount } }`,
        `{ people(first: 100) { nodes { id township { code } hrss { certificates { level } } } } }`,
      ];
      for (const query of attacks) {
        const { body } = await hub.queryAs(who, query);
        expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(body.data ?? null).toBeNull();
      }
      // The same questions answer the administrator exactly: the path is closed, not empty.
      const exact = await ok(
        `{ hrssCertificates(filter: { ${cell} }) { totalCount } people(filter: { township: "${HIDDEN.code}", department: HRSS }) { totalCount } }`,
      );
      expect(exact.hrssCertificates.totalCount).toBe(2 * 4);
      expect(exact.people.totalCount).toBe(4 + 1);
    });

    it('(a) cannot tell a small cell of 4 from its twin of 1: both answers leave both sizes possible', async () => {
      const conclusions = [];
      for (const { level } of SCENARIOS) {
        const groups = (await aggregate(who, { d: ['TOWNSHIP'], asOf: AS_OF, f: FILTER(level) })).rows;
        const hiddenRow = inTownship(groups, HIDDEN.code);
        conclusions.push(range(hiddenRow?.holders));
      }
      for (const c of conclusions) for (const { hidden } of SCENARIOS) expect(hidden >= c.min && hidden <= c.max).toBe(true);
    });

    it('(b) asking only for certificates or trainings shows no more of the small cell than its holders do', async () => {
      const holdersOnly = inTownship(
        (await aggregate(who, { d: ['TOWNSHIP'], m: ['HOLDERS'], asOf: AS_OF, f: FILTER('LEVEL_3') })).rows,
        HIDDEN.code,
      );
      for (const m of [['CERTIFICATES'], ['CERTIFICATES', 'TRAININGS']]) {
        const row = inTownship((await aggregate(who, { d: ['TOWNSHIP'], m, asOf: AS_OF, f: FILTER('LEVEL_3') })).rows, HIDDEN.code);
        // Left out exactly when the holders are; when shown, at least as many as the holders publish (≥ threshold).
        expect(row === undefined).toBe(holdersOnly === undefined);
        if (row) expect(row.certificates!).toBeGreaterThanOrEqual(holdersOnly!.holders!);
      }
      // Trainings alone: 8 trainings of 4 trainees are published under the 4 trainees, never as 1–4 and never as 8 exactly by size alone.
      const trainings = (await aggregate(who, { d: ['TOWNSHIP'], m: ['TRAININGS'], asOf: AS_OF, f: { department: 'HRSS' } })).rows;
      const hiddenTrainings = inTownship(trainings, HIDDEN.code);
      if (hiddenTrainings) expect(hiddenTrainings.trainings!).toBeGreaterThanOrEqual(T);
      for (const row of trainings) expect(row.trainings! >= T).toBe(true);
      expect(trainings.every((r) => r.holders === null && r.certificates === null)).toBe(true);
    });

    it('(c) two as-of dates a day apart give the same answer, for the last completed month end', async () => {
      const before = await aggregate(who, { d: ['TOWNSHIP'], asOf: '2025-03-10', f: FILTER('LEVEL_3') });
      const after = await aggregate(who, { d: ['TOWNSHIP'], asOf: '2025-03-11', f: FILTER('LEVEL_3') });
      expect(after).toEqual(before);
      expect(after.asOf).toBe('2025-02-28');
      // A one-day range is widened to its month, so from/to cannot cut a single day out either.
      const oneDay = await aggregate(who, {
        d: ['TOWNSHIP'],
        asOf: '2025-03-31',
        f: { ...FILTER('LEVEL_3'), from: '2025-03-11', to: '2025-03-11' },
      });
      const month = await aggregate(who, {
        d: ['TOWNSHIP'],
        asOf: '2025-03-31',
        f: { ...FILTER('LEVEL_3'), from: '2025-03-01', to: '2025-03-31' },
      });
      expect(oneDay).toEqual(month);
      const progress = await hub.queryAs(
        who,
        '{ a: countyProgress(asOf: "2025-03-10") { asOf certificateHolders { value } } b: countyProgress(asOf: "2025-03-11") { asOf certificateHolders { value } } }',
      );
      expect(progress.body.data.a).toEqual(progress.body.data.b);
      // A future date is not a way round it: the month in progress is never shown.
      const future = await aggregate(who, { d: ['TOWNSHIP'], asOf: '2099-12-31', f: FILTER('LEVEL_3') });
      expect(future.asOf < new Date().toISOString().slice(0, 8) + '01').toBe(true);
      expect(future.asOf).toBe(completedMonthEnd(future.asOf));
    });

    it('publishes every countyProgress figure by the same method: no 1–4 in any breakdown, byDepartment and byMonth included', async () => {
      const res = await hub.queryAs(
        who,
        `{ countyProgress(asOf: "2025-03-31") { certificateHolders { value } newlyCertified { value }
          byDepartment { department holders overlap exclusive certificates } byMonth { month certificatesIssued newHolders trainingsStarted }
          byTownship { key holders certificates } byLevel { key holders certificates } byOccupation { key holders certificates } byTalentCategory { key holders certificates } } }`,
      );
      expect(res.body.errors).toBeUndefined();
      const p = res.body.data.countyProgress;
      const numbers: number[] = [
        p.certificateHolders.value,
        p.newlyCertified.value,
        ...p.byDepartment.flatMap((r: Record<string, number>) => [r.holders, r.overlap, r.exclusive, r.certificates]),
        ...p.byMonth.flatMap((r: Record<string, number>) => [r.certificatesIssued, r.newHolders, r.trainingsStarted]),
        ...['byTownship', 'byLevel', 'byOccupation', 'byTalentCategory'].flatMap((b) =>
          p[b].flatMap((r: Record<string, number>) => [r.holders, r.certificates]),
        ),
      ];
      expect(numbers.filter((n) => n >= 1 && n < T)).toEqual([]);
      // The exact figures have small counts there: one new holder in March, six departments mostly empty.
      const exact = (await hub.query('{ countyProgress(asOf: "2025-03-31") { byMonth { month newHolders } } }')).data.countyProgress
        .byMonth;
      expect(exact.find((m: { month: string }) => m.month === '2025-03').newHolders).toBe(1);
    });

    it('publishes the same group the same way wherever it appears: aggregate totals and margins agree with countyProgress', async () => {
      const progress = (
        await hub.queryAs(
          who,
          '{ countyProgress(asOf: "2025-03-31") { certificateHolders { value } byTownship { key holders certificates } } }',
        )
      ).body.data.countyProgress;
      const total = (await aggregate(who, { d: [], asOf: '2025-03-31' })).rows[0];
      expect(total.holders).toBe(progress.certificateHolders.value);
      const groups = (await aggregate(who, { d: ['TOWNSHIP'], asOf: '2025-03-31' })).rows;
      expect(Object.fromEntries(groups.map((r) => [r.keys[0].key, [r.holders, r.certificates]]))).toEqual(
        Object.fromEntries(
          progress.byTownship.map((r: { key: string; holders: number; certificates: number }) => [r.key, [r.holders, r.certificates]]),
        ),
      );
      // One township asked on its own is the same cell as its row in the table.
      const one = (await aggregate(who, { d: [], asOf: '2025-03-31', f: { township: all[1].code } })).rows[0];
      expect([one.holders, one.certificates]).toEqual([
        inTownship(groups, all[1].code)!.holders,
        inTownship(groups, all[1].code)!.certificates,
      ]);
      // Asking again averages nothing away.
      expect((await aggregate(who, { d: ['TOWNSHIP'], asOf: '2025-03-31' })).rows).toEqual(groups);
    });
  });

  it('publishes the progress ledger’s counts of persons and person-times by the same method, completed months only', async () => {
    const LEDGER = `{ progressLedger(year: 2025) {
      channels { total { trained certified certifiedSeniorOrAbove cumulativeCertified } months { trained certified certifiedSeniorOrAbove cumulativeCertified } byDepartment { months { trained certified } } }
      unattributed { total { certified certifiedSeniorOrAbove } months { period certified certifiedSeniorOrAbove cumulativeCertified } }
      apprentices { value yearToDate months { value } } directedTraining { value yearToDate months { value } } } }`;
    const numbers = (value: unknown): number[] =>
      typeof value === 'number' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(numbers) : [];
    const exact = (await hub.query(LEDGER)).data.progressLedger;
    const march = exact.unattributed
      .find((u: { months: unknown[] }) => u.months)
      .months.find((m: { period: string }) => m.period === '2025-03');
    expect(march.certified).toBe(1);
    for (const who of [analyst, dashboard]) {
      const res = await hub.queryAs(who, LEDGER);
      expect(res.body.errors).toBeUndefined();
      expect(numbers(res.body.data.progressLedger).filter((n) => n >= 1 && n < T)).toEqual([]);
      expect((await hub.queryAs(who, LEDGER)).body).toEqual(res.body);
    }
  });

  it('cuts a restricted caller’s groups at the limit in the published order, so the cut tells nothing of the exact order', async () => {
    const all = (await aggregate(analyst, { d: ['TOWNSHIP'], asOf: AS_OF, f: FILTER('LEVEL_3') })).rows;
    const res = await hub.queryAs(
      analyst,
      `{ aggregate(dimensions: [TOWNSHIP], asOf: "${AS_OF}", filter: { level: LEVEL_3, department: HRSS, from: "2025-01-01" }, limit: 2) { truncated rows { keys { key } holders } } }`,
    );
    expect(res.body.data.aggregate.truncated).toBe(true);
    expect(res.body.data.aggregate.rows).toEqual(all.slice(0, 2).map((r) => ({ keys: r.keys, holders: r.holders })));
    const published = all.map((r) => r.holders!);
    expect(published).toEqual([...published].sort((a, b) => b - a));
  });

  it('keeps every perturbed figure within the published bound of the exact one', async () => {
    const exact = (await aggregate(null, { d: ['TOWNSHIP'], asOf: AS_OF, f: FILTER('LEVEL_3') })).rows;
    const published = (await aggregate(analyst, { d: ['TOWNSHIP'], asOf: AS_OF, f: FILTER('LEVEL_3') })).rows;
    for (const row of exact.filter((r) => r.holders! >= T))
      expect(Math.abs(inTownship(published, row.keys[0].key!)!.holders! - row.holders!)).toBeLessThanOrEqual(D);
  });

  it('gives 人社局 staff exact figures on their own department, and perturbed ones on the county', async () => {
    const staff: Principal = { subject: 'hrss-clerk', role: 'DEPARTMENT_STAFF', department: 'HRSS' };
    const own = (await aggregate(staff, { d: ['TOWNSHIP'], asOf: '2025-03-11', f: FILTER('LEVEL_3') })).rows;
    expect(inTownship(own, HIDDEN.code)?.holders).toBe(4);
    const county = await aggregate(staff, { d: ['TOWNSHIP'], asOf: '2025-03-11', f: { level: 'LEVEL_3' } });
    expect(county.asOf).toBe('2025-02-28');
    expect(county.rows.every((r) => r.holders! >= T)).toBe(true);
  });
});
