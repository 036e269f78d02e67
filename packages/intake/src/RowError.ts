/** One problem with one row of a file, as the report shows it. */
export interface RowError {
  /** The spreadsheet's own 1-based row number (CSV: the record number). */
  row: number;
  /** The header as written in the file (the standard label when the file lacks the column). */
  column: string;
  /** The cell as read (ID numbers masked). */
  value: string;
  /** What is wrong and how to fix it, in Chinese. */
  reason: string;
}

/** Shows enough of an ID number to find the row, not the number itself (as the graph shows it). */
export function maskForReport(text: string): string {
  return text.length >= 10 ? `${text.slice(0, 6)}${'*'.repeat(text.length - 10)}${text.slice(-4)}` : text;
}
