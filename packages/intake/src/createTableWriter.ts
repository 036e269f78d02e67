import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './loadExcelJs';

export type TableFormat = 'xlsx' | 'csv';

export interface TableColumn {
  header: string;
  /** Column width in characters (xlsx only). */
  width?: number;
  /** date: an ISO date string shown as a date; percent: a ratio shown as 12.34%. */
  type?: 'text' | 'number' | 'date' | 'percent';
}

/** Writes tables row by row to a stream, as one xlsx sheet per table or as CSV sections. */
export interface TableWriter {
  /** Starts a table: a new worksheet, or in CSV a blank line and the table's name (from the second table on). */
  table(name: string, columns: readonly TableColumn[]): void;
  row(values: readonly unknown[]): Promise<void>;
  /** Finishes the file and waits until the stream has taken all of it. */
  close(): Promise<void>;
}

const CSV_QUOTE = /[",\r\n]/;
/** Cells Excel would run as formulas (=, +, -, @): written with a leading apostrophe so an export cannot carry one. */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: unknown, type: TableColumn['type']): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (value instanceof Date) text = value.toISOString().slice(0, 10);
  else if (typeof value === 'number') text = type === 'percent' ? `${(value * 100).toFixed(2)}%` : String(value);
  else {
    text = String(value);
    if (FORMULA_START.test(text)) text = `'${text}`;
  }
  return CSV_QUOTE.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function xlsxCell(value: unknown, type: TableColumn['type']): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
  return value;
}

function xlsxWriter(writable: Writable): TableWriter {
  const workbook = new (loadExcelJs().stream.xlsx.WorkbookWriter)({ stream: writable, useStyles: true, useSharedStrings: false });
  let sheet: ExcelJS.Worksheet | undefined;
  let types: TableColumn['type'][] = [];
  let written = 0;
  return {
    table(name, columns) {
      sheet?.commit();
      // Sheet names: at most 31 characters, none of : \ / ? * [ ].
      sheet = workbook.addWorksheet(name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
      sheet.columns = columns.map((c) => ({
        header: c.header,
        width: c.width ?? Math.max(10, c.header.length * 2 + 2),
        style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'percent' ? { numFmt: '0.00%' } : {},
      }));
      sheet.getRow(1).font = { bold: true };
      types = columns.map((c) => c.type);
    },
    async row(values) {
      if (!sheet) throw new Error('table() must come before row()');
      sheet.addRow(values.map((v, i) => xlsxCell(v, types[i]))).commit();
      // Let a slow reader (an HTTP client) hold the writer back instead of buffering the whole file.
      if (++written % 500 === 0 && writable.writableNeedDrain) await once(writable, 'drain');
    },
    async close() {
      sheet?.commit();
      await workbook.commit();
      await finished(writable);
    },
  };
}

function csvWriter(writable: Writable): TableWriter {
  let types: TableColumn['type'][] = [];
  let tables = 0;
  const write = async (text: string) => {
    if (!writable.write(text)) await once(writable, 'drain');
  };
  let pending: Promise<void> = Promise.resolve();
  return {
    table(name, columns) {
      types = columns.map((c) => c.type);
      // Excel in China opens a CSV as UTF-8 only when it starts with a BOM.
      const prefix = tables === 0 ? '\uFEFF' : `\r\n${csvCell(name, 'text')}\r\n`;
      tables += 1;
      pending = pending.then(() => write(`${prefix}${columns.map((c) => csvCell(c.header, 'text')).join(',')}\r\n`));
    },
    async row(values) {
      await pending;
      await write(`${values.map((v, i) => csvCell(v, types[i])).join(',')}\r\n`);
    },
    async close() {
      await pending;
      writable.end();
      await finished(writable);
    },
  };
}

export function createTableWriter(format: TableFormat, writable: Writable): TableWriter {
  return format === 'xlsx' ? xlsxWriter(writable) : csvWriter(writable);
}
