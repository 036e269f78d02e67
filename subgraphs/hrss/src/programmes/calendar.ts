import { pastDate, todayIso } from '@hub/subgraph-kit';

/** A date argument that defaults to today and must be a real date, not in the future (UTC today). */
export function pastOrToday(field: string, value: string | null | undefined, label: string): string {
  return pastDate(field, value ?? todayIso(), label);
}
