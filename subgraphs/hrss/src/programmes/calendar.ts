import { InputError, isIsoDate, todayIso } from '@hub/subgraph-kit';

/** The same day `months` later (clamped to the month's last day), e.g. 2024-01-31 + 1 → 2024-02-29. */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A date argument that must be a real date and not in the future (UTC today). */
export function pastOrToday(field: string, value: string | null | undefined, label: string): string {
  const date = value ?? todayIso();
  if (!isIsoDate(date)) throw new InputError('BAD_DATE', field, `${label}须为 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(date)}`);
  if (date > todayIso()) throw new InputError('FUTURE_DATE', field, `${label} ${date} 晚于今天`);
  return date;
}

/** First and last day of a month (1-12). */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const from = `${year}-${String(month).padStart(2, '0')}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}
