import { ReadRule, readRuleLabels } from '@hub/vocabulary';

/** One distinct written value of a column and what it was read as. */
export interface ValueReading {
  /** The cell as written (trimmed text, a date cell as YYYY-MM-DD, a number as its digits). */
  written: string;
  /** What it was read as, in Chinese (the label of the value, or the date). */
  readAs: string;
  /** How it was read; `unread`: no rule reads it, and its rows were refused. */
  rule: ReadRule | 'unread';
  /** Data rows with this value. */
  rows: number;
  /** The first few of those rows (spreadsheet row numbers), for finding them. */
  firstRows: number[];
}

/** The readings of one coded column of the file. */
export interface ColumnReading {
  /** The header as written in the file. */
  column: string;
  values: ValueReading[];
  /** Distinct values beyond the listed ones (a date column of a big file), and their rows. */
  otherValues: number;
  otherRows: number;
}

/** Distinct values listed per column; beyond it only counted, so a 100,000-row file of dates keeps a small report. */
export const READINGS_PER_COLUMN = 300;
const FIRST_ROWS = 5;

/** The rule of a reading, as the report says it. */
export function readingRuleLabel(rule: ValueReading['rule']): string {
  return rule === 'unread' ? '无法识别，该行未导入' : readRuleLabels[rule];
}

/** How a value was read, as the report says it: “学校培训 → 学校技能培训及机关事业单位干部职工培训，37 行（常见写法）”. */
export function describeReading(reading: Pick<ValueReading, 'written' | 'readAs' | 'rule' | 'rows'>): string {
  return `${reading.written} → ${reading.readAs}，${reading.rows} 行（${readingRuleLabel(reading.rule)}）`;
}

/**
 * Collects, per coded column, every distinct written value with what it was read as and on how
 * many rows; counts the rows that had at least one value read by a loose rule (looseRows).
 */
export class ReadingLog {
  private readonly columns = new Map<string, { values: Map<string, ValueReading>; otherValues: Set<string> | number; otherRows: number }>();
  private lastWarnedRow = -1;
  warnedRows = 0;

  note(column: string, row: number, written: string, readAs: string, rule: ValueReading['rule']): void {
    let entry = this.columns.get(column);
    if (!entry) this.columns.set(column, (entry = { values: new Map(), otherValues: new Set(), otherRows: 0 }));
    const seen = entry.values.get(written);
    if (seen) {
      seen.rows += 1;
      if (seen.firstRows.length < FIRST_ROWS) seen.firstRows.push(row);
    } else if (entry.values.size < READINGS_PER_COLUMN) {
      entry.values.set(written, { written, readAs, rule, rows: 1, firstRows: [row] });
    } else {
      entry.otherRows += 1;
      // Distinct overflow values are counted exactly up to a bound, then only their rows.
      if (entry.otherValues instanceof Set) {
        entry.otherValues.add(written);
        if (entry.otherValues.size > 10_000) entry.otherValues = entry.otherValues.size;
      }
    }
    if (rule === 'loose' && row !== this.lastWarnedRow) {
      this.lastWarnedRow = row;
      this.warnedRows += 1;
    }
  }

  /** Columns in the order first seen; values loose first, then by rows. */
  readings(): ColumnReading[] {
    const order: Record<ValueReading['rule'], number> = { unread: 0, loose: 1, synonym: 2, exact: 3 };
    return [...this.columns].map(([column, entry]) => ({
      column,
      values: [...entry.values.values()].sort((a, b) => order[a.rule] - order[b.rule] || b.rows - a.rows),
      otherValues: entry.otherValues instanceof Set ? entry.otherValues.size : entry.otherValues,
      otherRows: entry.otherRows,
    }));
  }
}

/** The readings as text lines, at most `perColumn` values a column (loose and unread first), the rest summed up. */
export function readingLines(readings: readonly ColumnReading[], perColumn: number): string[] {
  const lines: string[] = [];
  for (const column of readings) {
    lines.push(`${column.column}：`);
    for (const value of column.values.slice(0, perColumn)) lines.push(`  ${describeReading(value)}`);
    const hidden = column.values.slice(perColumn);
    const values = hidden.length + column.otherValues;
    if (values > 0) lines.push(`  …… 其余 ${values} 种写法，${hidden.reduce((n, v) => n + v.rows, column.otherRows)} 行（见报告）`);
  }
  return lines;
}
