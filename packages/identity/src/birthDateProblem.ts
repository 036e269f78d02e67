import { chinaToday } from './chinaToday';

/**
 * Earliest accepted birth year. 1800, not 1900: GB 11643-1999's own published example
 * 440524188001010014 is born in 1880, and MOD 11-2 already catches single-digit typos like 19→18.
 */
export const MIN_BIRTH_YEAR = 1800;

export type BirthDateProblem = 'NOT_A_DATE' | 'TOO_EARLY' | 'FUTURE';

const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;

/** Whether YYYYMMDD is a real Gregorian calendar date (leap years included). */
export function isCalendarDate(yyyymmdd: string): boolean {
  const m = YYYYMMDD.exec(yyyymmdd);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this month; Date.UTC handles the leap-year rules.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Why a YYYYMMDD birth date cannot be in an ID number, or undefined when it can. */
export function birthDateProblem(yyyymmdd: string, today: string = chinaToday()): BirthDateProblem | undefined {
  if (!isCalendarDate(yyyymmdd)) return 'NOT_A_DATE';
  if (Number(yyyymmdd.slice(0, 4)) < MIN_BIRTH_YEAR) return 'TOO_EARLY';
  // Same-width digit strings compare in date order.
  if (yyyymmdd > today) return 'FUTURE';
  return undefined;
}
