import { makeIdNumber } from './makeIdNumber';
import { normalizeIdNumber, tryNormalizeIdNumber } from './normalizeIdNumber';
import { parseIdNumber } from './parseIdNumber';

/** mulberry32: a tiny seeded PRNG so the generated numbers are the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Sample {
  addressCode: string;
  birthDate: string;
  sequence: number;
}

const SAMPLE_COUNT = 3000;
const FIRST_DAY = Date.UTC(1900, 0, 1);
const LAST_DAY = Date.UTC(2015, 11, 31);
const DAY_MS = 24 * 60 * 60 * 1000;

function samples(): Sample[] {
  const random = seededRandom(20240601);
  const knownAddresses = ['410928', '412126', '410911', '110105', '340524'];
  // Fixed edge cases first, so coverage does not depend on the luck of the draw.
  const result: Sample[] = [
    { addressCode: '410928', birthDate: '1900-01-01', sequence: 0 },
    { addressCode: '410928', birthDate: '1996-02-29', sequence: 1 },
    { addressCode: '410928', birthDate: '2000-02-29', sequence: 18 },
    { addressCode: '412126', birthDate: '1999-12-31', sequence: 999 },
  ];
  for (let i = result.length; i < SAMPLE_COUNT; i += 1) {
    const addressCode =
      i % 2 === 0 ? knownAddresses[Math.floor(random() * knownAddresses.length)] : String(100000 + Math.floor(random() * 900000));
    const day = FIRST_DAY + Math.floor(random() * ((LAST_DAY - FIRST_DAY) / DAY_MS + 1)) * DAY_MS;
    const birthDate = new Date(day).toISOString().slice(0, 10);
    result.push({ addressCode, birthDate, sequence: Math.floor(random() * 1000) });
  }
  return result;
}

const SAMPLES = samples();

describe('makeIdNumber', () => {
  test('builds the worked example 41092819900101001X from its parts', () => {
    expect(makeIdNumber('410928', '1990-01-01', 1)).toBe('41092819900101001X');
  });

  test('builds the worked example 410928200002290186 (Feb 29 2000, sequence 018)', () => {
    expect(makeIdNumber('410928', '2000-02-29', 18)).toBe('410928200002290186');
  });

  test('the generated samples cover both sexes, X check characters, 1900 and leap days', () => {
    const ids = SAMPLES.map((s) => makeIdNumber(s.addressCode, s.birthDate, s.sequence));
    expect(new Set(ids).size).toBeGreaterThan(SAMPLE_COUNT - 5);
    expect(ids.some((id) => id.endsWith('X'))).toBe(true);
    expect(SAMPLES.some((s) => s.sequence % 2 === 0)).toBe(true);
    expect(SAMPLES.some((s) => s.sequence % 2 === 1)).toBe(true);
    expect(SAMPLES.some((s) => s.birthDate.startsWith('1900'))).toBe(true);
    expect(SAMPLES.some((s) => s.birthDate.endsWith('-02-29'))).toBe(true);
  });

  test(`${SAMPLE_COUNT} generated numbers normalize to themselves, and parse back to their date and sex`, () => {
    const mismatches: string[] = [];
    for (const s of SAMPLES) {
      const id = makeIdNumber(s.addressCode, s.birthDate, s.sequence);
      const normalized = normalizeIdNumber(id);
      const parsed = parseIdNumber(id);
      const sex = s.sequence % 2 === 1 ? 'MALE' : 'FEMALE';
      if (
        normalized.idNumber !== id ||
        normalized.upgradedFrom !== undefined ||
        parsed.addressCode !== s.addressCode ||
        parsed.birthDate !== s.birthDate ||
        parsed.sex !== sex
      ) {
        mismatches.push(id);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test('generated 20th-century numbers written in the 15-digit form upgrade back to the same 18 characters', () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const s of SAMPLES) {
      if (!s.birthDate.startsWith('19')) continue;
      const id = makeIdNumber(s.addressCode, s.birthDate, s.sequence);
      const old15 = id.slice(0, 6) + id.slice(8, 17);
      const result = normalizeIdNumber(old15);
      if (result.idNumber !== id || result.upgradedFrom !== old15) mismatches.push(old15);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(SAMPLE_COUNT / 2);
    expect(mismatches).toEqual([]);
  });

  test(`every single-character substitution at each of the 18 positions of ${SAMPLE_COUNT} numbers is rejected`, () => {
    const accepted: string[] = [];
    const codes = new Set<string>();
    let mutations = 0;
    for (const s of SAMPLES) {
      const id = makeIdNumber(s.addressCode, s.birthDate, s.sequence);
      for (let position = 0; position < 18; position += 1) {
        const alphabet = position === 17 ? '0123456789X' : '0123456789';
        for (const replacement of alphabet) {
          if (replacement === id[position]) continue;
          const mutated = id.slice(0, position) + replacement + id.slice(position + 1);
          const result = tryNormalizeIdNumber(mutated);
          mutations += 1;
          if (result.ok) accepted.push(`${id} → ${mutated}`);
          else codes.add(result.error.code);
        }
      }
    }
    expect(mutations).toBe(SAMPLE_COUNT * (17 * 9 + 10));
    expect(accepted).toEqual([]);
    // Only these reasons are possible for a one-character change to a valid 18-character number.
    expect([...codes].sort()).toEqual(['BAD_BIRTH_DATE', 'BAD_CHECK_CHARACTER', 'EXCEL_TRUNCATED']);
  });

  test.each([
    ['a 5-digit address code', '41092', '1990-01-01', 1],
    ['a non-digit address code', '41O928', '1990-01-01', 1],
    ['a compact date', '410928', '19900101', 1],
    ['Feb 30', '410928', '1990-02-30', 1],
    ['a birth year before 1800', '410928', '1799-12-31', 1],
    ['a future birth date', '410928', '2999-01-01', 1],
    ['sequence 1000', '410928', '1990-01-01', 1000],
    ['sequence -1', '410928', '1990-01-01', -1],
    ['a fractional sequence', '410928', '1990-01-01', 1.5],
  ])('throws a RangeError for %s', (_label, address, date, sequence) => {
    expect(() => makeIdNumber(address, date, sequence)).toThrow(RangeError);
  });

  test('pads small sequences to three digits (sequence 7 → 007)', () => {
    expect(makeIdNumber('410928', '1990-01-01', 7).slice(14, 17)).toBe('007');
  });
});
