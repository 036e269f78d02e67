import { checkCharacter } from './checkCharacter';
import { idNumberCandidates, MIN_ID_CANDIDATES, publicBirthYear } from './idNumberCandidates';
import { makeIdNumber } from './makeIdNumber';
import { maskIdNumber } from './maskIdNumber';
import { parseIdNumber } from './parseIdNumber';

const TODAY = '20261201';

/** What a role without the reveal right sees of a number: the mask, the public birth year and the sex. */
function view(idNumber: string) {
  const parsed = parseIdNumber(idNumber);
  return { mask: maskIdNumber(idNumber), birthYear: publicBirthYear(parsed.birthDate, TODAY), sex: parsed.sex };
}

/** Every valid number that shows the same view, found by trying every date and sequence, not by formula. */
function enumerate(seen: ReturnType<typeof view>): string[] {
  const out: string[] = [];
  const years = seen.birthYear === null ? [] : [seen.birthYear];
  for (const year of years) {
    for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10).replace(/-/g, '');
      if (date > TODAY) break;
      for (let seq = 0; seq < 1000; seq++) {
        const body = `${seen.mask.slice(0, 6)}${date}${String(seq).padStart(3, '0')}`;
        const candidate = body + checkCharacter(body);
        const v = view(candidate);
        if (v.mask === seen.mask && v.birthYear === seen.birthYear && v.sex === seen.sex) out.push(candidate);
      }
    }
  }
  return out;
}

/** A deterministic pseudo-random stream, so a failure names a reproducible number. */
function* numbers(count: number): Generator<string> {
  let state = 20261201;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state >>> 8) % n;
  };
  for (let i = 0; i < count; i++) {
    const year = 1940 + next(86);
    const date = new Date(Date.UTC(year, 0, 1) + next(365) * 86_400_000).toISOString().slice(0, 10);
    yield makeIdNumber(['410928', '412126', '110101', '440524'][next(4)], date, next(1000));
  }
}

describe('idNumberCandidates', () => {
  test.each([...numbers(2)])('leaves at least 1,000 numbers open for %s, as brute force confirms', (idNumber) => {
    const seen = view(idNumber);
    const candidates = enumerate(seen);
    expect(candidates).toContain(idNumber);
    expect(candidates.length).toBeGreaterThanOrEqual(MIN_ID_CANDIDATES);
    expect(candidates.length).toBe(
      idNumberCandidates({ addressCode: seen.mask.slice(0, 6), birthYear: seen.birthYear, sex: seen.sex }, TODAY),
    );
  });

  test('counts 365 days × 500 sequences for a known year and sex', () => {
    expect(idNumberCandidates({ addressCode: '410928', birthYear: 1985, sex: 'FEMALE' }, TODAY)).toBe(365 * 500);
    expect(idNumberCandidates({ addressCode: '410928', birthYear: 1988, sex: null }, TODAY)).toBe(366 * 1000);
  });

  test('counts only the days so far in the current year and none after it', () => {
    expect(idNumberCandidates({ addressCode: '410928', birthYear: 2026, sex: 'MALE' }, '20260102')).toBe(2 * 500);
    expect(idNumberCandidates({ addressCode: '410928', birthYear: 2027, sex: 'MALE' }, TODAY)).toBe(0);
  });
});

describe('publicBirthYear', () => {
  test('gives the year of a date or a year', () => {
    expect(publicBirthYear('1985-12-31', TODAY)).toBe(1985);
    expect(publicBirthYear(1985, TODAY)).toBe(1985);
  });

  test('withholds the year when it would leave fewer than 1,000 numbers (born on New Year’s Day, asked that day)', () => {
    expect(publicBirthYear('2026-01-01', '20260101')).toBeNull();
    expect(publicBirthYear('2026-01-01', '20260102')).toBe(2026);
  });

  test.each([[null], [undefined], [''], ['85-12-31'], ['abcd-01-01'], [NaN]])('gives null for %p', (value) => {
    expect(publicBirthYear(value as string, TODAY)).toBeNull();
  });
});
