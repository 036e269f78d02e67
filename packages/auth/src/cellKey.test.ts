import {
  addKeys,
  cellKeyOf,
  cellKeyParameters,
  cellKeyParametersFromEnv,
  cellKeySecret,
  feasibleCounts,
  perturbationTable,
  perturbRecords,
  recordKey,
  subtractKeys,
} from './cellKey';
import { completedMonthEnd, disclosureFor } from './DisclosureControl';

const secret = cellKeySecret(Buffer.alloc(32, 7));
const { threshold: T, maxPerturbation: D } = cellKeyParameters;
/** Cell keys spread evenly over [0, 2^32). */
const spreadKeys = (count: number) => Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) / count) * 2 ** 32));

describe('the cell-key method', () => {
  it('gives a person the same record key every time, different keys to different persons, and another key under another secret', () => {
    expect(recordKey(secret, 'a1b2')).toBe(recordKey(secret, 'a1b2'));
    expect(recordKey(secret, 'a1b2')).not.toBe(recordKey(secret, 'a1b3'));
    expect(recordKey(cellKeySecret(Buffer.alloc(32, 8)), 'a1b2')).not.toBe(recordKey(secret, 'a1b2'));
    const keys = Array.from({ length: 2000 }, (_, i) => recordKey(secret, `person-${i}`));
    expect(keys.every((k) => Number.isInteger(k) && k >= 0 && k < 2 ** 32)).toBe(true);
    // Spread over the whole range: each quarter holds about a quarter of them.
    for (let q = 0; q < 4; q++) expect(keys.filter((k) => Math.floor(k / 2 ** 30) === q).length).toBeGreaterThan(400);
  });

  it('sums keys mod 2^32 whatever the order, and takes a subset back out', () => {
    const keys = [2 ** 32 - 1, 5, 2 ** 31, 123456789];
    expect(cellKeyOf(keys)).toBe(cellKeyOf([...keys].reverse()));
    expect(cellKeyOf(keys)).toBe((2 ** 32 - 1 + 5 + 2 ** 31 + 123456789) % 2 ** 32);
    expect(subtractKeys(cellKeyOf(keys), cellKeyOf(keys.slice(0, 2)))).toBe(cellKeyOf(keys.slice(2)));
    expect(addKeys(2 ** 32 - 1, 2)).toBe(1);
  });

  it('never publishes 1 to 4, keeps 0 at 0 and moves any count by at most the published bound', () => {
    const wrong: string[] = [];
    for (let n = 0; n <= 60; n++) {
      for (const key of spreadKeys(257)) {
        const p = perturbationTable(n, key);
        const fine = n === 0 ? p === 0 : n < T ? p === 0 || p === T : p >= T && Math.abs(p - n) <= D;
        if (!fine) wrong.push(`${n} → ${p}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('is deterministic: the same count and cell key always publish the same value', () => {
    const key = cellKeyOf(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => recordKey(secret, id)));
    const once = perturbationTable(7, key);
    for (let i = 0; i < 20; i++)
      expect(perturbationTable(7, cellKeyOf(['g', 'f', 'e', 'd', 'c', 'b', 'a'].map((id) => recordKey(secret, id))))).toBe(once);
  });

  it('is unbiased over cell keys, small counts included, and does move counts', () => {
    for (const n of [1, 2, 3, 4, 5, 6, 9, 40]) {
      const published = spreadKeys(1000).map((k) => perturbationTable(n, k));
      expect(published.reduce((a, b) => a + b, 0) / published.length).toBeCloseTo(n, 1);
      if (n !== T) expect(new Set(published).size).toBeGreaterThan(1);
    }
  });

  it('says which true counts a published value may stand for, and the table agrees with it', () => {
    expect(feasibleCounts(0)).toEqual({ min: 0, max: T - 1 });
    expect(feasibleCounts(T)).toEqual({ min: 1, max: T + D });
    const outside: string[] = [];
    for (let n = 0; n <= 40; n++)
      for (const key of spreadKeys(101)) {
        const p = perturbationTable(n, key);
        const { min, max } = feasibleCounts(p);
        if (n < min || n > max) outside.push(`${n} → ${p}`);
      }
    expect(outside).toEqual([]);
    expect(Number.isNaN(feasibleCounts(3).min)).toBe(true);
  });

  it('publishes a cell’s records as 0 when its persons publish as 0, and never below its persons', () => {
    for (const key of spreadKeys(200)) {
      const persons = { n: 2, cellKey: key };
      const records = { n: 40, cellKey: addKeys(key, 99) };
      const p = perturbRecords(records, persons);
      if (perturbationTable(2, key) === 0) expect(p).toBe(0);
      else expect(Math.abs(p - 40)).toBeLessThanOrEqual(D);
      const single = perturbRecords({ n: 4, cellKey: key }, { n: 4, cellKey: key });
      expect(single === 0 || single >= perturbationTable(4, key)).toBe(true);
    }
  });

  it('refuses a negative or fractional count and a key out of range', () => {
    expect(() => perturbationTable(-1, 0)).toThrow(RangeError);
    expect(() => perturbationTable(2.5, 0)).toThrow(RangeError);
    expect(() => perturbationTable(3, 2 ** 32)).toThrow(RangeError);
  });

  it('reads its parameters from the environment and refuses nonsense', () => {
    expect(cellKeyParametersFromEnv({})).toEqual(cellKeyParameters);
    expect(cellKeyParametersFromEnv({ HUB_MIN_CELL_SIZE: '10', HUB_CELL_KEY_MAX_PERTURBATION: '4' })).toEqual({
      threshold: 10,
      maxPerturbation: 4,
    });
    expect(() => cellKeyParametersFromEnv({ HUB_MIN_CELL_SIZE: '0' })).toThrow(/HUB_MIN_CELL_SIZE/);
    expect(() => cellKeyParametersFromEnv({ HUB_CELL_KEY_MAX_PERTURBATION: 'x' })).toThrow(/HUB_CELL_KEY_MAX_PERTURBATION/);
  });
});

describe('DisclosureControl', () => {
  it('gives the county administrator, the service and staff on their own department exact figures, and perturbs for everyone else', () => {
    const small = { n: 3, cellKey: 0 };
    expect(disclosureFor({ subject: 'a', role: 'COUNTY_ADMIN' }, secret).count(small)).toBe(3);
    expect(disclosureFor({ subject: 's', role: 'SERVICE' }, secret).exact).toBe(true);
    expect(disclosureFor({ subject: 'e', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' }, secret, 'EDUCATION').exact).toBe(true);
    expect(disclosureFor({ subject: 'e', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' }, secret, 'HRSS').exact).toBe(false);
    expect(disclosureFor({ subject: 'e', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' }, secret).exact).toBe(false);
    for (const role of ['ANALYST', 'DASHBOARD'] as const) {
      const d = disclosureFor({ subject: 'x', role }, secret, 'HRSS');
      expect(d.exact).toBe(false);
      expect([0, T]).toContain(d.count(small));
      expect(d.defined(3, 'ledger|x')).toBe(d.defined(3, 'ledger|x'));
    }
  });

  it('answers restricted callers for completed month ends and whole months only', () => {
    expect(completedMonthEnd('2025-03-15')).toBe('2025-02-28');
    expect(completedMonthEnd('2025-03-31')).toBe('2025-03-31');
    expect(completedMonthEnd('2024-03-01')).toBe('2024-02-29');
    expect(completedMonthEnd('2025-01-01')).toBe('2024-12-31');
    const d = disclosureFor({ subject: 'x', role: 'ANALYST' }, secret);
    expect([d.asOf('2025-06-14'), d.asOf('2025-06-15')]).toEqual(['2025-05-31', '2025-05-31']);
    expect([d.from('2025-06-14'), d.to('2025-06-14')]).toEqual(['2025-06-01', '2025-06-30']);
    // A future date, or this month's end, is answered for the last month end before today: the month in progress changes daily.
    const inDecember = disclosureFor({ subject: 'x', role: 'DASHBOARD' }, secret, null, cellKeyParameters, () => '2026-12-02');
    expect([inDecember.asOf('2099-12-31'), inDecember.asOf('2026-12-31'), inDecember.asOf('2026-11-30')]).toEqual([
      '2026-11-30',
      '2026-11-30',
      '2026-11-30',
    ]);
    const onMonthEnd = disclosureFor({ subject: 'x', role: 'DASHBOARD' }, secret, null, cellKeyParameters, () => '2026-11-30');
    expect(onMonthEnd.asOf('2026-11-30')).toBe('2026-10-31');
    const admin = disclosureFor({ subject: 'a', role: 'COUNTY_ADMIN' }, secret);
    expect([admin.asOf('2025-06-14'), admin.from('2025-06-14'), admin.to('2025-06-14')]).toEqual([
      '2025-06-14',
      '2025-06-14',
      '2025-06-14',
    ]);
  });
});
