import type { ReadRule } from '@hub/vocabulary';
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

const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** y-m-d with -, /, . or 年月日 between, optionally followed by a time (2023/5/1 0:00:00). */
const SEPARATED = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/;
/** A month without its day: 2023.05, 2023-5, 2023年5月, 202305. */
const MONTH_ONLY = /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*月?|(\d{2}))$/;

/** Chinese numerals of a date written out: 二〇二三年五月六日. */
const DIGITS: Readonly<Record<string, number>> = { 〇: 0, 零: 0, O: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE = /^([〇零O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})[日号]$/;

/** 五 → 5, 十 → 10, 十二 → 12, 二十 → 20, 三十一 → 31. */
function chineseNumber(text: string): number {
  const ten = text.indexOf('十');
  if (ten < 0) return DIGITS[text] ?? NaN;
  const tens = ten === 0 ? 1 : (DIGITS[text.slice(0, ten)] ?? NaN);
  const units = ten === text.length - 1 ? 0 : (DIGITS[text.slice(ten + 1)] ?? NaN);
  return tens * 10 + units;
}

export type DateParse = { ok: true; value: string; rule: ReadRule } | { ok: false; reason: string };

const read = (value: string | undefined, rule: ReadRule, shown: string): DateParse =>
  value ? { ok: true, value, rule } : { ok: false, reason: `日期“${shown}”不存在，请核对` };

/**
 * A calendar date (YYYY-MM-DD) from a cell, and how it was read. `exact`: an Excel date cell or
 * 2023-05-01. `synonym`: an Excel serial number (also as text), 20230501 as a number or text,
 * 2023/5/1, 2023.5.1, 2023-5-1, 2023年5月1日 or 二〇二三年五月一日 (full-width digits, a time after
 * it, a trailing 号 or full stop too). `loose`: a month without its day (2023.05, 2023年5月,
 * 202305, the number 2023.05), read as the month's first day and reported for checking.
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
    return day ? { ok: true, value: day, rule: 'exact' } : bad(value.toISOString());
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_991_231)
      return read(fromDigits(String(value)), 'synonym', String(value));
    if (value >= 1900 && value < 2200 && !Number.isInteger(value)) {
      // 2023.05 typed into a General cell is the number 2023.05; 2023.10 became 2023.1, which could be January too.
      const [year, fraction] = String(value).split('.');
      if (!(fraction.length === 2 || /^[2-9]$/.test(fraction))) {
        return { ok: false, reason: `“${value}”是数字格式，无法判断月份（2023.1 可能是 1 月或 10 月），请写成 2023-10-01 等完整日期` };
      }
      return read(iso(Number(year), Number(fraction), 1), 'loose', String(value));
    }
    const day = fromSerial(value);
    return day ? { ok: true, value: day, rule: 'synonym' } : bad(String(value));
  }
  const text = String(value ?? '')
    .normalize('NFKC')
    .trim()
    .replace(/[.。]$/, '');
  if (ISO.test(text)) return read(iso(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))), 'exact', text);
  if (/^\d{8}$/.test(text)) return read(fromDigits(text), 'synonym', text);
  // A date column formatted General and saved as CSV holds the serial number as text.
  if (/^\d{5}(?:\.\d+)?$/.test(text)) {
    const day = fromSerial(Number(text));
    return day ? { ok: true, value: day, rule: 'synonym' } : bad(text);
  }
  const separated = SEPARATED.exec(text);
  if (separated) return read(iso(Number(separated[1]), Number(separated[2]), Number(separated[3])), 'synonym', text);
  const chinese = CHINESE.exec(text);
  if (chinese) {
    const year = Number([...chinese[1]].map((c) => DIGITS[c]).join(''));
    return read(iso(year, chineseNumber(chinese[2]), chineseNumber(chinese[3])), 'synonym', text);
  }
  const month = MONTH_ONLY.exec(text);
  if (month) return read(iso(Number(month[1]), Number(month[2] ?? month[3]), 1), 'loose', text);
  return bad(text);
}
