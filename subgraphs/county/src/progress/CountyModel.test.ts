import { countsOn, departments } from '@hub/vocabulary';
import type { CertificateStatus } from '@hub/vocabulary';
import type { HoldingFact, PersonFact, TrainingFact } from '../repositories/CountyFactsRepository';
import type { AggregateDimension, AggregateFilter, AggregateRowCounts } from './aggregateTypes';
import { CountingRules, CountyModel, dayNumber, GroupCounts, ModelCounts, MonthCounts, revokedDay } from './CountyModel';

const rules: CountingRules = { midHighMaxLevel: 4, highMaxLevel: 3, unlevelledIsMidHigh: false };
const FROM = '2021-01-01';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const date = () =>
    `${pick([2018, 2020, 2021, 2022, 2023, 2024, 2025])}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  return { next, pick, date };
}

/** Record keys for the cell-key method: any fixed function of the person id will do for counting (FNV-1a here). */
function keyOf(personId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < personId.length; i++) h = Math.imul(h ^ personId.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
/** A cell's key the obvious way: its records' person keys summed mod 2^32 (a person once per record listed). */
const sumKeys = (personIds: Iterable<string>) => [...personIds].reduce((sum, id) => (sum + keyOf(id)) % 2 ** 32, 0);
const distinctKeys = (rows: { personId: string }[]) => sumKeys(new Set(rows.map((r) => r.personId)));

interface World {
  persons: PersonFact[];
  holdings: HoldingFact[];
  trainings: TrainingFact[];
}

function withdrawal(r: ReturnType<typeof random>): { status: CertificateStatus; revokedOn: string | null } {
  const x = r.next();
  if (x < 0.12) return { status: r.pick(['REVOKED', 'CANCELLED'] as const), revokedOn: r.date() };
  if (x < 0.2) return { status: r.pick(['REVOKED', 'CANCELLED'] as const), revokedOn: null };
  return { status: 'VALID', revokedOn: null };
}

function world(seed: number, size: number): World {
  const r = random(seed);
  const persons: PersonFact[] = [];
  const holdings: HoldingFact[] = [];
  const trainings: TrainingFact[] = [];
  for (let i = 0; i < size; i++) {
    const personId = `p${String(i).padStart(5, '0')}`;
    if (r.next() < 0.9) {
      persons.push({
        personId,
        townshipCode: r.next() < 0.1 ? null : r.pick(['410928100', '410928101', '410928200']),
        sex: r.next() < 0.05 ? null : r.pick(['MALE', 'FEMALE']),
        // Ages from under 16 to over 65 in 2024, and a birth year not known.
        birthYear: r.next() < 0.05 ? null : 1950 + Math.floor(r.next() * 62),
      });
    }
    const n = Math.floor(r.next() * 4);
    for (let k = 0; k < n; k++) {
      const issuedOn = r.date();
      const skilled = r.next() < 0.7 ? 1 : 0;
      holdings.push({
        personId,
        department: r.pick(departments),
        kind: r.pick(['SKILL_LEVEL', 'SPECIAL_OPERATION', 'PROFESSIONAL_TITLE']),
        talentCategory: r.pick(['SKILLED', 'PROFESSIONAL', 'RURAL_PRACTICAL']),
        skilled,
        levelNumber: r.next() < 0.2 ? null : 1 + Math.floor(r.next() * 5),
        occupationCode: r.next() < 0.1 ? null : r.pick(['4-01-01-01', '6-18-02-04', '5-01-01-01']),
        issuedOn,
        validUntil: r.next() < 0.5 ? null : r.date(),
        // Withdrawn with a date, withdrawn with none known (撤销/注销 in a sheet without the date), or valid.
        ...withdrawal(r),
      });
    }
    for (let k = Math.floor(r.next() * 3); k > 0; k--) {
      trainings.push({
        personId,
        department: r.pick(departments),
        occupationCode: r.next() < 0.2 ? null : r.pick(['4-01-01-01', '6-18-02-04']),
        startDate: r.date(),
        // A channel the vocabulary does not know (an old feed) groups as not recorded.
        channel: r.next() < 0.05 ? 'RETIRED_CHANNEL' : r.pick(['ENTERPRISE', 'SCHOOL_PUBLIC', 'SOCIAL_RURAL']),
        targetGroup: r.pick(['EMPLOYEE', 'WOMAN', 'RETURNEE', 'CORRECTIONS']),
      });
    }
  }
  return { persons, holdings, trainings };
}

/** The same figures the obvious way, straight from the rows. */
function reference(w: World, asOf: string): ModelCounts {
  // The named rule decides; "issued and not withdrawn by D" is the same rule with the expiry left out.
  const notRevoked = (h: HoldingFact) => countsOn({ ...h, validUntil: null }, asOf);
  const counting = w.holdings.filter((h) => countsOn(h, asOf));
  const distinct = (rows: HoldingFact[]) => new Set(rows.map((h) => h.personId)).size;
  const skilled = counting.filter((h) => h.skilled === 1);
  const township = new Map(w.persons.map((p) => [p.personId, p.townshipCode]));
  const group = (keyOf: (h: HoldingFact) => string | null): GroupCounts[] => {
    const keys = [...new Set(counting.map(keyOf))];
    return keys.map((key) => {
      const rows = counting.filter((h) => keyOf(h) === key);
      return {
        key,
        holders: distinct(rows),
        certificates: rows.length,
        cellKeys: { holders: distinctKeys(rows), certificates: sumKeys(rows.map((h) => h.personId)) },
      };
    });
  };
  const departmentsOf = new Map<string, Set<string>>();
  for (const h of counting) departmentsOf.set(h.personId, new Set([...(departmentsOf.get(h.personId) ?? []), h.department]));
  const inPeriod = w.holdings.filter((h) => notRevoked(h) && h.issuedOn >= FROM);
  const months = new Map<string, MonthCounts>();
  const month = (m: string) =>
    months.get(m) ??
    months
      .set(m, {
        month: m,
        certificatesIssued: 0,
        newHolders: 0,
        trainingsStarted: 0,
        cellKeys: { certificatesIssued: 0, newHolders: 0, trainingsStarted: 0 },
      })
      .get(m)!;
  const addKey = (sum: number, personId: string) => (sum + keyOf(personId)) % 2 ** 32;
  for (const h of inPeriod) {
    const m = month(h.issuedOn.slice(0, 7));
    m.certificatesIssued++;
    m.cellKeys.certificatesIssued = addKey(m.cellKeys.certificatesIssued, h.personId);
  }
  const first = new Map<string, string>();
  for (const h of w.holdings.filter(notRevoked))
    if (!first.has(h.personId) || first.get(h.personId)! > h.issuedOn) first.set(h.personId, h.issuedOn);
  for (const [personId, day] of first) {
    if (day < FROM) continue;
    const m = month(day.slice(0, 7));
    m.newHolders++;
    m.cellKeys.newHolders = addKey(m.cellKeys.newHolders, personId);
  }
  const trainings = w.trainings.filter((t) => t.startDate >= FROM && t.startDate <= asOf);
  for (const t of trainings) {
    const m = month(t.startDate.slice(0, 7));
    m.trainingsStarted++;
    m.cellKeys.trainingsStarted = addKey(m.cellKeys.trainingsStarted, t.personId);
  }
  const midHigh = skilled.filter((h) => h.levelNumber !== null && h.levelNumber <= 4);
  const high = skilled.filter((h) => h.levelNumber !== null && h.levelNumber <= 3);
  const newHigh = inPeriod.filter((h) => h.skilled === 1 && h.levelNumber !== null && h.levelNumber <= 3);
  return {
    cellKeys: {
      holders: distinctKeys(counting),
      skilled: distinctKeys(skilled),
      midHigh: distinctKeys(midHigh),
      high: distinctKeys(high),
      trainingPersonTimes: sumKeys(trainings.map((t) => t.personId)),
      newlyCertified: distinctKeys(inPeriod),
      newHighSkilled: distinctKeys(newHigh),
    },
    headline: {
      holders: distinct(counting),
      skilled: distinct(skilled),
      midHigh: distinct(skilled.filter((h) => h.levelNumber !== null && h.levelNumber <= 4)),
      high: distinct(skilled.filter((h) => h.levelNumber !== null && h.levelNumber <= 3)),
    },
    trainingPersonTimes: trainings.length,
    newlyCertified: distinct(inPeriod),
    newHighSkilled: distinct(inPeriod.filter((h) => h.skilled === 1 && h.levelNumber !== null && h.levelNumber <= 3)),
    byDepartment: departments.map((department) => {
      const rows = counting.filter((h) => h.department === department);
      const ids = new Set(rows.map((h) => h.personId));
      const shared = [...ids].filter((id) => departmentsOf.get(id)!.size > 1);
      return {
        department,
        holders: ids.size,
        overlap: shared.length,
        certificates: rows.length,
        cellKeys: { holders: sumKeys(ids), overlap: sumKeys(shared), certificates: sumKeys(rows.map((h) => h.personId)) },
      };
    }),
    byTownship: group((h) => township.get(h.personId) ?? null),
    byTalentCategory: group((h) => h.talentCategory),
    byLevel: group((h) => (h.levelNumber === null ? null : String(h.levelNumber))),
    byOccupation: group((h) => h.occupationCode),
    byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
  };
}

const byKey = (rows: GroupCounts[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)));
function expectSame(actual: ModelCounts, expected: ModelCounts) {
  for (const name of ['byTownship', 'byTalentCategory', 'byLevel', 'byOccupation'] as const) {
    actual = { ...actual, [name]: byKey(actual[name]) };
    expected = { ...expected, [name]: byKey(expected[name]) };
  }
  expect(actual).toEqual(expected);
}

function load(w: World): CountyModel {
  const model = new CountyModel(keyOf);
  model.put([], w.persons, w.holdings, w.trainings);
  return model;
}

const DATES = ['2019-06-30', '2021-01-01', '2022-12-31', '2024-02-29', '2025-12-31'];

describe('CountyModel', () => {
  it.each(DATES)('counts every figure on %s exactly as the rows say', (asOf) => {
    const w = world(7, 1500);
    expectSame(load(w).counts(asOf, FROM, rules), reference(w, asOf));
  });

  it('counts skilled certificates of kinds without levels as mid/high only when the policy says so, and never one whose skill level is not known', () => {
    const holding = (personId: string, kind: string): HoldingFact => ({
      personId,
      department: 'HRSS',
      kind,
      talentCategory: 'SKILLED',
      skilled: 1,
      levelNumber: null,
      occupationCode: null,
      issuedOn: '2022-01-01',
      validUntil: null,
      status: 'VALID',
      revokedOn: null,
    });
    const unladdered: World = {
      persons: [{ personId: 'a', townshipCode: null, sex: null, birthYear: null }],
      holdings: [holding('a', 'SPECIAL_ABILITY')],
      trainings: [],
    };
    expect(load(unladdered).counts('2023-01-01', FROM, rules).headline).toEqual({ holders: 1, skilled: 1, midHigh: 0, high: 0 });
    expect(load(unladdered).counts('2023-01-01', FROM, { ...rules, unlevelledIsMidHigh: true }).headline).toEqual({
      holders: 1,
      skilled: 1,
      midHigh: 1,
      high: 0,
    });
    // 职业技能等级证书 with its level not known (等级不明): a holder and a 技能人才, but nothing shows it reaches 四级.
    const unknownLevel: World = {
      persons: [{ personId: 'b', townshipCode: null, sex: null, birthYear: null }],
      holdings: [holding('b', 'SKILL_LEVEL')],
      trainings: [],
    };
    expect(load(unknownLevel).counts('2023-01-01', FROM, { ...rules, unlevelledIsMidHigh: true }).headline).toEqual({
      holders: 1,
      skilled: 1,
      midHigh: 0,
      high: 0,
    });
  });

  it('starts counting on the issue date, stops the day after expiry and on the revocation date', () => {
    const w: World = {
      persons: [],
      holdings: [
        {
          personId: 'a',
          department: 'HRSS',
          kind: 'SKILL_LEVEL',
          talentCategory: 'SKILLED',
          skilled: 1,
          levelNumber: 3,
          occupationCode: null,
          issuedOn: '2022-03-01',
          validUntil: '2024-02-29',
          status: 'VALID',
          revokedOn: null,
        },
        {
          personId: 'b',
          department: 'EDUCATION',
          kind: 'SKILL_LEVEL',
          talentCategory: 'SKILLED',
          skilled: 1,
          levelNumber: 3,
          occupationCode: null,
          issuedOn: '2022-03-01',
          validUntil: null,
          status: 'REVOKED',
          revokedOn: '2023-05-10',
        },
      ],
      trainings: [],
    };
    const holders = (asOf: string) => load(w).counts(asOf, FROM, rules).headline.holders;
    expect([
      holders('2022-02-28'),
      holders('2022-03-01'),
      holders('2023-05-09'),
      holders('2023-05-10'),
      holders('2024-02-29'),
      holders('2024-03-01'),
    ]).toEqual([0, 2, 2, 1, 1, 0]);
  });

  it('after persons are replaced one batch at a time, equals a model read whole', () => {
    const before = world(11, 800);
    const after = world(12, 900); // different certificates, persons moved, new persons
    const model = load(before);
    model.counts('2024-06-30', FROM, rules);
    const everyone = (w: World) => [...w.persons, ...w.holdings, ...w.trainings];
    const ids = [...new Set([...everyone(before), ...everyone(after)].map((r) => r.personId))];
    for (let i = 0; i < ids.length; i += 97) {
      const part = new Set(ids.slice(i, i + 97));
      const mine = <T extends { personId: string }>(rows: T[]) => rows.filter((r) => part.has(r.personId));
      model.put(part, mine(after.persons), mine(after.holdings), mine(after.trainings));
    }
    // Persons known only before the change are emptied: they are in `ids` but absent from `after`.
    expectSame(model.counts('2024-06-30', FROM, rules), reference(after, '2024-06-30'));
    expectSame(model.counts('2024-06-30', FROM, rules), load(after).counts('2024-06-30', FROM, rules));
  });

  it('counts a certificate withdrawn without a date on no date, and from a date supplied later only before that date', () => {
    const cert: HoldingFact = {
      personId: 'a',
      department: 'FINANCE',
      kind: 'PROFESSIONAL_TITLE',
      talentCategory: 'PROFESSIONAL_TECHNICAL',
      skilled: 0,
      levelNumber: null,
      occupationCode: null,
      issuedOn: '2022-03-01',
      validUntil: null,
      status: 'CANCELLED',
      revokedOn: null,
    };
    const model = load({ persons: [], holdings: [cert], trainings: [] });
    const holders = (asOf: string) => model.counts(asOf, FROM, rules).headline.holders;
    expect(['2022-03-01', '2023-01-01', '2099-12-31'].map(holders)).toEqual([0, 0, 0]);
    expect(model.counts('2023-01-01', FROM, rules).newlyCertified).toBe(0);
    model.put(['a'], [], [{ ...cert, revokedOn: '2024-01-01' }], []);
    expect(['2022-02-28', '2022-03-01', '2023-12-31', '2024-01-01'].map(holders)).toEqual([0, 1, 1, 0]);
  });

  it('encodes the withdrawal date as countsOn reads it, for every status, date and day (fast path against the named rule)', () => {
    const r = random(99);
    for (let i = 0; i < 3000; i++) {
      const h = { issuedOn: '2018-01-01', validUntil: null, ...withdrawal(r) };
      const asOf = r.date();
      // The fast path's test: a row counts on D when D is before its REVOKED column.
      expect(dayNumber(asOf) < revokedDay(h)).toBe(countsOn(h, asOf));
    }
  });

  it('refuses a department it does not know rather than miscounting', () => {
    const model = new CountyModel();
    const h = world(3, 5).holdings[0];
    expect(() => model.put([], [], [{ ...h, department: 'POLICE' }], [])).toThrow(/unknown department/);
  });

  it('reads dates as yyyymmdd numbers that order like the text', () => {
    expect(dayNumber('2024-02-29')).toBe(20240229);
    expect(dayNumber('2023-12-31') < dayNumber('2024-01-01')).toBe(true);
  });
});

describe('CountyModel grouping (the analysts’ aggregate)', () => {
  const asOf = '2024-06-30';
  const w = world(21, 1500);
  // Certificates on the edges of the counting rule: valid through D, revoked on D, issued on D, expired the day before.
  const edge = (personId: string, dates: Partial<HoldingFact>): HoldingFact => ({
    personId,
    department: 'HRSS',
    kind: 'SKILL_LEVEL',
    talentCategory: 'SKILLED',
    skilled: 1,
    levelNumber: 3,
    occupationCode: '6-18-02-04',
    issuedOn: '2020-01-01',
    validUntil: null,
    status: 'VALID',
    revokedOn: null,
    ...dates,
  });
  w.holdings.push(
    edge('edge-1', { validUntil: asOf }),
    edge('edge-2', { status: 'REVOKED', revokedOn: asOf }),
    edge('edge-5', { status: 'CANCELLED', revokedOn: null }),
    edge('edge-3', { issuedOn: asOf }),
    edge('edge-4', { validUntil: '2024-06-29' }),
  );
  const model = load(w);
  const township = new Map(w.persons.map((p) => [p.personId, p.townshipCode]));
  const sexOf = (personId: string) => w.persons.find((p) => p.personId === personId)?.sex ?? null;
  // The age reached in the as-of year, banded by hand (not by the model's own table).
  const ageBandOf = (personId: string) => {
    const born = w.persons.find((p) => p.personId === personId)?.birthYear ?? null;
    if (born === null) return null;
    const age = Number(asOf.slice(0, 4)) - born;
    if (age <= 15) return '0-15';
    if (age <= 24) return '16-24';
    if (age <= 34) return '25-34';
    if (age <= 44) return '35-44';
    if (age <= 54) return '45-54';
    if (age <= 64) return '55-64';
    return '65+';
  };
  const certificateKey: Partial<Record<AggregateDimension, (h: HoldingFact) => string | null>> = {
    TOWNSHIP: (h) => township.get(h.personId) ?? null,
    DEPARTMENT: (h) => h.department,
    TALENT_CATEGORY: (h) => h.talentCategory,
    KIND: (h) => h.kind,
    LEVEL: (h) => (h.levelNumber === null ? null : String(h.levelNumber)),
    OCCUPATION: (h) => h.occupationCode,
    MONTH: (h) => h.issuedOn.slice(0, 7),
    SEX: (h) => sexOf(h.personId),
    AGE_BAND: (h) => ageBandOf(h.personId),
  };
  const passes = (f: AggregateFilter, row: { personId: string; department: string; occupationCode: string | null }, day: string) =>
    (f.townshipCode === undefined || township.get(row.personId) === f.townshipCode) &&
    (f.department === undefined || row.department === f.department) &&
    (f.occupationCode === undefined || row.occupationCode === f.occupationCode) &&
    (!f.from || day >= f.from) &&
    (!f.to || day <= f.to);

  function expectedCertificates(dimensions: AggregateDimension[], f: AggregateFilter) {
    const rows = w.holdings.filter(
      (h) =>
        countsOn(h, asOf) &&
        passes(f, h, h.issuedOn) &&
        (f.talentCategory === undefined || h.talentCategory === f.talentCategory) &&
        (f.kind === undefined || h.kind === f.kind) &&
        (!f.levelNumber || h.levelNumber === f.levelNumber),
    );
    const groups = new Map<string, { keys: (string | null)[]; persons: Set<string>; records: string[] }>();
    for (const h of rows) {
      const keys = dimensions.map((d) => certificateKey[d]!(h));
      const id = JSON.stringify(keys);
      const g = groups.get(id) ?? groups.set(id, { keys, persons: new Set(), records: [] }).get(id)!;
      g.persons.add(h.personId);
      g.records.push(h.personId);
    }
    return [...groups.values()].map((g) => ({
      keys: g.keys,
      holders: g.persons.size,
      certificates: g.records.length,
      cellKeys: { holders: sumKeys(g.persons), certificates: sumKeys(g.records) },
    }));
  }

  const sorted = (rows: AggregateRowCounts[]) => [...rows].sort((a, b) => JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));
  const dimensionSets: AggregateDimension[][] = [
    [],
    ['TOWNSHIP'],
    ['DEPARTMENT', 'LEVEL'],
    ['KIND', 'OCCUPATION', 'MONTH'],
    ['TALENT_CATEGORY', 'TOWNSHIP'],
    ['SEX', 'AGE_BAND'],
    ['AGE_BAND', 'KIND', 'SEX'],
  ];
  const filters: AggregateFilter[] = [
    {},
    { department: 'HRSS' },
    { townshipCode: '410928100', from: '2021-01-01', to: '2023-12-31' },
    { levelNumber: 3, kind: 'SKILL_LEVEL', talentCategory: 'SKILLED' },
    { occupationCode: '6-18-02-04' },
  ];

  it.each(dimensionSets.flatMap((d) => filters.map((f) => [d, f] as const)))(
    'groups certificates by %j with filter %j exactly as the rows say',
    (dimensions, filter) => {
      const expected = expectedCertificates([...dimensions], filter);
      expect(expected.length).toBeGreaterThan(0);
      expect(sorted(model.certificateGroups(asOf, [...dimensions], filter, 5000)!)).toEqual(sorted(expected));
    },
  );

  it('puts the most holders first and returns one group more than asked, so a cut shows', () => {
    const all = expectedCertificates(['OCCUPATION', 'MONTH'], {});
    const got = model.certificateGroups(asOf, ['OCCUPATION', 'MONTH'], {}, 5);
    expect(got).toHaveLength(6);
    expect(got!.map((g) => g.holders)).toEqual([...all.map((g) => g.holders)].sort((a, b) => b - a).slice(0, 6));
  });

  it('finds nothing for a value the index has never seen', () => {
    expect(model.certificateGroups(asOf, ['TOWNSHIP'], { occupationCode: '9-99-99-99' }, 100)).toEqual([]);
    expect(model.trainingGroups(asOf, ['TOWNSHIP'], { townshipCode: '000000000' }, 100)).toEqual([]);
  });

  it.each([
    [['TOWNSHIP', 'MONTH'], {}],
    [['DEPARTMENT', 'OCCUPATION'], { from: '2021-01-01' }],
    [[], { department: 'EDUCATION', townshipCode: '410928101' }],
    [['TARGET_GROUP', 'SEX'], {}],
    [['CHANNEL', 'AGE_BAND'], { from: '2021-01-01' }],
    [['AGE_BAND', 'TARGET_GROUP', 'CHANNEL'], { department: 'HRSS' }],
  ] as [AggregateDimension[], AggregateFilter][])('counts trainings by %j with filter %j exactly as the rows say', (dimensions, filter) => {
    const keyBy: Partial<Record<AggregateDimension, (t: TrainingFact) => string | null>> = {
      TOWNSHIP: (t) => township.get(t.personId) ?? null,
      DEPARTMENT: (t) => t.department,
      OCCUPATION: (t) => t.occupationCode,
      MONTH: (t) => t.startDate.slice(0, 7),
      TARGET_GROUP: (t) => t.targetGroup,
      SEX: (t) => sexOf(t.personId),
      CHANNEL: (t) => (['ENTERPRISE', 'SCHOOL_PUBLIC', 'SOCIAL_RURAL'].includes(t.channel) ? t.channel : null),
      AGE_BAND: (t) => ageBandOf(t.personId),
    };
    const groups = new Map<string, { keys: (string | null)[]; persons: Set<string>; records: string[] }>();
    for (const t of w.trainings.filter((t) => t.startDate <= asOf && passes(filter, t, t.startDate))) {
      const keys = dimensions.map((d) => keyBy[d]!(t));
      const id = JSON.stringify(keys);
      const g = groups.get(id) ?? groups.set(id, { keys, persons: new Set(), records: [] }).get(id)!;
      g.persons.add(t.personId);
      g.records.push(t.personId);
    }
    const expected: AggregateRowCounts[] = [...groups.values()].map((g) => ({
      keys: g.keys,
      trainings: g.records.length,
      trainees: g.persons.size,
      cellKeys: { trainings: sumKeys(g.records), trainees: sumKeys(g.persons) },
    }));
    expect(groups.size).toBeGreaterThan(0);
    expect(sorted(model.trainingGroups(asOf, dimensions, filter, 5000)!)).toEqual(sorted(expected));
  });

  it('says trainings do not apply to talent category, kind or level', () => {
    expect(model.trainingGroups(asOf, ['LEVEL'], {}, 10)).toBeNull();
    expect(model.trainingGroups(asOf, ['TOWNSHIP'], { kind: 'SKILL_LEVEL' }, 10)).toBeNull();
  });

  it('says certificates do not apply to target group or channel', () => {
    expect(model.certificateGroups(asOf, ['TARGET_GROUP'], {}, 10)).toBeNull();
    expect(model.certificateGroups(asOf, ['TOWNSHIP', 'CHANNEL'], {}, 10)).toBeNull();
  });

  it('puts every age from the birth year in one band, the band edges included', () => {
    const born = (year: number, personId: string): World => ({
      persons: [{ personId, townshipCode: null, sex: 'FEMALE', birthYear: year }],
      holdings: [],
      trainings: [
        { personId, department: 'HRSS', occupationCode: null, startDate: '2020-01-01', channel: 'ENTERPRISE', targetGroup: 'WOMAN' },
      ],
    });
    const band = (year: number) => load(born(year, `b${year}`)).trainingGroups('2025-06-30', ['AGE_BAND', 'SEX'], {}, 10)![0].keys;
    expect([2010, 2009, 2001, 2000, 1991, 1961, 1960, 1930, 2030].map(band)).toEqual([
      ['0-15', 'FEMALE'],
      ['16-24', 'FEMALE'],
      ['16-24', 'FEMALE'],
      ['25-34', 'FEMALE'],
      ['25-34', 'FEMALE'],
      ['55-64', 'FEMALE'],
      ['65+', 'FEMALE'],
      ['65+', 'FEMALE'],
      ['0-15', 'FEMALE'],
    ]);
  });
});
