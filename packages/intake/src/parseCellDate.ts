import type { CellValue } from './plainCellValue';

/** Day 0 of Excel's 1900 date system is 1899-12-30 (Excel counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2199) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function fromSerial(serial: number): string | undefined {
  // Serials below 61 fall before Excel's phantom 1900-02-29 and are not dates anyone enters today.
  if (!(serial >= 61 && serial < 110_000)) return undefined;
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function fromDigits(digits: string): string | undefined {
  return iso(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8)));
}

/** y-m-d with -, /, . or 年月日 between, optionally followed by a time (2023/5/1 0:00:00). */
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;

export type DateParse = { ok: true; value: string } | { ok: false; reason: string };

/**
 * A calendar date (YYYY-MM-DD) from a cell: an Excel date cell, an Excel serial number, 20230501
 * as a number or text, or text written 2023-05-01, 2023/5/1, 2023.5.1, 2023年5月1日 (full-width digits too).
 */
export function parseCellDate(value: CellValue): DateParse {
  const bad = (shown: string): DateParse => ({
    ok: false,
    reason: `无法识别的日期“${shown}”，请写成 2023-05-01、2023/5/1、2023.5.1、2023年5月1日 或 20230501`,
  });
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return bad('');
    // exceljs gives date cells as UTC midnight (plus the time of day, if any): the UTC calendar day is the cell's day.
    const day = iso(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    return day ? { ok: true, value: day } : bad(value.toISOString());
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_991_231) {
      const day = fromDigits(String(value));
      return day ? { ok: true, value: day } : bad(String(value));
    }
    const day = fromSerial(value);
    return day ? { ok: true, value: day } : bad(String(value));
  }
  const text = String(value ?? '').normalize('NFKC').trim();
  if (/^\d{8}$/.test(text)) {
    const day = fromDigits(text);
    return day ? { ok: true, value: day } : bad(text);
  }
  // A date column formatted General and saved as CSV holds the serial number as text.
  if (/^\d{5}(?:\.\d+)?$/.test(text)) {
    const day = fromSerial(Number(text));
    return day ? { ok: true, value: day } : bad(text);
  }
  const match = SEPARATED.exec(text);
  if (match) {
    const day = iso(Number(match[1]), Number(match[2]), Number(match[3]));
    return day ? { ok: true, value: day } : { ok: false, reason: `日期“${text}”不存在，请核对` };
  }
  return bad(text);
}
