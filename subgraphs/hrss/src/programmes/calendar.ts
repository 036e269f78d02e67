import { addDays, addMonths, pastDate, todayIso } from '@hub/subgraph-kit';

/** A date argument that defaults to today and must be a real date, not in the future (UTC today). */
export function pastOrToday(field: string, value: string | null | undefined, label: string): string {
  return pastDate(field, value ?? todayIso(), label);
}

/** First and last day of a month (1-12). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}
