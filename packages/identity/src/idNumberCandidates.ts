import { chinaToday } from './chinaToday';
import { MIN_BIRTH_YEAR } from './birthDateProblem';

/** The fewest ID numbers that what a caller sees without the reveal right may leave open. */
export const MIN_ID_CANDIDATES = 1000;

/** What a person-level answer shows about one ID number to a role without the reveal right. */
export interface IdNumberView {
  /** The first six characters, as the mask shows them. */
  addressCode: string;
  /** The birth year, or null when withheld. */
  birthYear: number | null;
  /** Sex (the parity of the 17th digit), or null when withheld. */
  sex: 'MALE' | 'FEMALE' | null;
}

const DAY_MS = 86_400_000;

/** Possible birth dates in a year that are not after today (China time). */
function possibleBirthDays(year: number, today: string): number {
  const todayYear = Number(today.slice(0, 4));
  if (year < MIN_BIRTH_YEAR || year > todayYear) return 0;
  const end = year === todayYear ? Date.UTC(year, Number(today.slice(4, 6)) - 1, Number(today.slice(6, 8))) : Date.UTC(year, 11, 31);
  return Math.round((end - Date.UTC(year, 0, 1)) / DAY_MS) + 1;
}

/**
 * How many valid ID numbers agree with a view: birth dates × sequence numbers. The check character adds
 * nothing (it is a function of the other 17), and a known sex halves the 1,000 sequence numbers.
 * Without a birth year every year from 1800 to today is open.
 */
export function idNumberCandidates(view: IdNumberView, today: string = chinaToday()): number {
  const sequences = view.sex === null ? 1000 : 500;
  let days = 0;
  if (view.birthYear !== null) days = possibleBirthDays(view.birthYear, today);
  else for (let year = MIN_BIRTH_YEAR; year <= Number(today.slice(0, 4)); year++) days += possibleBirthDays(year, today);
  return days * sequences;
}

/**
 * The birth year a role without the reveal right may see, from a YYYY-MM-DD birth date or a year: null when the
 * year, the mask and the sex would leave fewer than MIN_ID_CANDIDATES numbers (a person born on the
 * first day of the current year, say).
 */
export function publicBirthYear(birthDateOrYear: string | number | null | undefined, today: string = chinaToday()): number | null {
  const text = typeof birthDateOrYear === 'number' ? String(birthDateOrYear) : birthDateOrYear;
  if (typeof text !== 'string' || !/^\d{4}(-|$)/.test(text)) return null;
  const birthYear = Number(text.slice(0, 4));
  return idNumberCandidates({ addressCode: '000000', birthYear, sex: 'MALE' }, today) >= MIN_ID_CANDIDATES ? birthYear : null;
}
