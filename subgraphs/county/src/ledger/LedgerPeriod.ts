import { InputError, monthRange } from '@hub/subgraph-kit';

/** 月调度, 季通报, 半年督导, 全年总结: the four report periods of plan 三(二). */
export type LedgerPeriodKind = 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR';

export interface LedgerPeriod {
  kind: LedgerPeriodKind;
  /** Canonical text: 2025-M06, 2025-Q2, 2025-H1 or 2025. */
  key: string;
  /** Chinese label, e.g. 2025年上半年. */
  label: string;
  year: number;
  firstMonth: number;
  lastMonth: number;
  from: string;
  to: string;
}

const QUARTER_LABELS = ['一', '二', '三', '四'];

function checkedYear(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年份无效：${year}`);
  return year;
}

function period(kind: LedgerPeriodKind, year: number, firstMonth: number, lastMonth: number, key: string, label: string): LedgerPeriod {
  return { kind, key, label, year, firstMonth, lastMonth, from: monthRange(year, firstMonth).from, to: monthRange(year, lastMonth).to };
}

export function yearPeriod(year: number): LedgerPeriod {
  return period('YEAR', checkedYear(year), 1, 12, String(year), `${year}年`);
}

export function quarterPeriod(year: number, quarter: number): LedgerPeriod {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)
    throw new InputError('BAD_QUARTER', 'quarter', `季度须为 1 到 4，收到 ${quarter}`);
  return period(
    'QUARTER',
    checkedYear(year),
    quarter * 3 - 2,
    quarter * 3,
    `${year}-Q${quarter}`,
    `${year}年第${QUARTER_LABELS[quarter - 1]}季度`,
  );
}

export function halfPeriod(year: number, half: number): LedgerPeriod {
  if (half !== 1 && half !== 2) throw new InputError('BAD_PERIOD', 'period', `半年须为 H1 或 H2，收到 H${half}`);
  return period(
    'HALF',
    checkedYear(year),
    half === 1 ? 1 : 7,
    half === 1 ? 6 : 12,
    `${year}-H${half}`,
    `${year}年${half === 1 ? '上' : '下'}半年`,
  );
}

export function monthPeriod(year: number, month: number): LedgerPeriod {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new InputError('BAD_MONTH', 'period', `月份须为 1 到 12，收到 ${month}`);
  return period('MONTH', checkedYear(year), month, month, `${year}-M${String(month).padStart(2, '0')}`, `${year}年${month}月`);
}

/**
 * Reads a report period as a clerk writes it: `2025-M06` or `2025-06` (月调度), `2025-Q2` (季通报), `2025-H1`
 * (半年督导), `2025` (全年总结); case and surrounding spaces do not matter. Anything else is refused.
 */
export function parseLedgerPeriod(text: string): LedgerPeriod {
  const t = text.normalize('NFKC').trim().toUpperCase();
  const bad = () => new InputError('BAD_PERIOD', 'period', `期间“${text}”无效，应为 2025-M06、2025-Q2、2025-H1 或 2025`);
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) return yearPeriod(Number(m[1]));
  if ((m = /^(\d{4})-M?(\d{1,2})$/.exec(t))) return monthPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-Q(\d)$/.exec(t))) return quarterPeriod(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})-H(\d)$/.exec(t))) return halfPeriod(Number(m[1]), Number(m[2]));
  throw bad();
}

/** Days from 1 January to the end of `date` (inclusive), over the year's days: 2025-06-30 → 181/365. */
export function shareOfYearElapsed(year: number, date: string): number {
  const start = Date.UTC(year, 0, 1);
  const days = (Date.UTC(year + 1, 0, 1) - start) / 86_400_000;
  const elapsed = (Date.parse(`${date}T00:00:00Z`) - start) / 86_400_000 + 1;
  return Math.min(1, Math.max(0, elapsed / days));
}
