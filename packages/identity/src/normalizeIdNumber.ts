import { birthDateProblem, MIN_BIRTH_YEAR } from './birthDateProblem';
import { checkCharacter } from './checkCharacter';

export type IdNumberErrorCode = 'EMPTY' | 'BAD_CHARACTERS' | 'BAD_LENGTH' | 'EXCEL_TRUNCATED' | 'BAD_BIRTH_DATE' | 'BAD_CHECK_CHARACTER';

/** A raw ID number that cannot be accepted; `message` is for the clerk, `code` for programs. */
export class IdNumberError extends Error {
  readonly code: IdNumberErrorCode;
  /** The raw value as received. It may be a real ID number: do not log it. */
  readonly input: string;

  constructor(code: IdNumberErrorCode, message: string, input: string) {
    super(message);
    this.name = 'IdNumberError';
    this.code = code;
    this.input = input;
  }
}

export interface NormalizedIdNumber {
  /** Canonical 18-character form: digits, upper-case X only as the check character. */
  idNumber: string;
  /** The original 15-digit number when the input was a legacy GB 11643-1989 number. */
  upgradedFrom?: string;
}

const EXCEL_TEXT_HINT = '请将该列设为文本后重新录入';
const ENDS_IN_000_MESSAGE = `身份证号末三位为000，疑似被Excel按数字格式截断，${EXCEL_TEXT_HINT}`;

/** Spaces (incl. NBSP, ideographic space), zero-width characters, BOM, word joiner and hyphen/dash variants. */
const NOISE = /[\s\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015\u2212]/g;

/** Apostrophe typed (or auto-corrected to a curly quote) to force an Excel cell to text. */
const LEADING_APOSTROPHE = /^['\u2018\u2019]/;

/** What a numeric Excel cell looks like once exported as text, e.g. 4.10928E+17. */
const EXPONENT_FORM = /^\d+(?:\.\d+)?E\+?\d+$/i;

const DIGITS_AND_X = /^[\dX]*$/;

/** Letters clerks type for 0 and 1 (incl. Cyrillic and Greek O); named in the message instead of being silently "fixed". */
const DIGIT_LOOKALIKES = new Set(['O', 'o', 'l', 'I', 'i', 'L', '|', '\u041E', '\u043E', '\u039F', '\u03BF']);

export function normalizeIdNumber(raw: unknown): NormalizedIdNumber {
  const input = describeInput(raw);
  const text = toText(raw, input);
  const cleaned = clean(text);

  if (cleaned === '') {
    throw new IdNumberError('EMPTY', '身份证号为空，请填写身份证号', input);
  }
  if (EXPONENT_FORM.test(cleaned)) {
    throw new IdNumberError(
      'EXCEL_TRUNCATED',
      `身份证号显示为科学计数法（${cleaned}），已被Excel按数字格式截断，${EXCEL_TEXT_HINT}`,
      input,
    );
  }
  if (!DIGITS_AND_X.test(cleaned)) {
    throw badCharacter(cleaned, input);
  }
  // Length before the position of X, so a dropped digit reads as "wrong length", not "X in the wrong place".
  if (cleaned.length !== 18 && cleaned.length !== 15) {
    throw new IdNumberError('BAD_LENGTH', `身份证号应为18位（旧版为15位），实际为${cleaned.length}位，请核对号码`, input);
  }
  const xAt = cleaned.indexOf('X');
  if (xAt !== -1 && !(cleaned.length === 18 && xAt === 17)) {
    throw new IdNumberError('BAD_CHARACTERS', `身份证号第${xAt + 1}位是“X”，X只能作为18位号码的最后一位（校验位），请核对号码`, input);
  }

  const upgraded = cleaned.length === 15;
  // GB 11643-1989 numbers carry no century and no check character; '19' is the conventional century.
  const body17 = upgraded ? `${cleaned.slice(0, 6)}19${cleaned.slice(6)}` : cleaned.slice(0, 17);

  const birth = body17.slice(6, 14);
  const problem = birthDateProblem(birth);
  if (problem === 'NOT_A_DATE') {
    throw new IdNumberError('BAD_BIRTH_DATE', `身份证号中的出生日期${birth}不存在，请核对号码`, input);
  }
  if (problem === 'TOO_EARLY') {
    throw new IdNumberError('BAD_BIRTH_DATE', `身份证号中的出生日期${birth}早于${MIN_BIRTH_YEAR}年，不可能是有效号码，请核对号码`, input);
  }
  if (problem === 'FUTURE') {
    throw new IdNumberError('BAD_BIRTH_DATE', `身份证号中的出生日期${birth}晚于今天，请核对号码`, input);
  }

  const expected = checkCharacter(body17);
  if (upgraded) {
    return { idNumber: body17 + expected, upgradedFrom: cleaned };
  }
  const actual = cleaned[17];
  if (actual !== expected) {
    // Excel keeps 15 significant digits, so a truncated 18-digit number always ends in 000.
    if (cleaned.endsWith('000')) {
      throw new IdNumberError('EXCEL_TRUNCATED', ENDS_IN_000_MESSAGE, input);
    }
    throw new IdNumberError('BAD_CHECK_CHARACTER', `身份证号校验位错误：按前17位应为${expected}，实际为${actual}，请核对号码`, input);
  }
  return { idNumber: cleaned };
}

export function tryNormalizeIdNumber(raw: unknown): { ok: true; value: NormalizedIdNumber } | { ok: false; error: IdNumberError } {
  try {
    return { ok: true, value: normalizeIdNumber(raw) };
  } catch (error) {
    if (error instanceof IdNumberError) return { ok: false, error };
    throw error;
  }
}

function describeInput(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint' || typeof raw === 'boolean') return String(raw);
  return Object.prototype.toString.call(raw);
}

/** Turns a spreadsheet cell into text, refusing numbers whose digits can no longer be trusted. */
function toText(raw: unknown, input: string): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint') {
    if (typeof raw === 'number' && Number.isInteger(raw) && raw > Number.MAX_SAFE_INTEGER) {
      // Above 2^53 a double cannot hold every integer; all 18-digit numbers live there, so their last digits are guesses.
      const message = input.endsWith('000')
        ? ENDS_IN_000_MESSAGE
        : `身份证号以数字格式保存，超过15位有效数字的部分已丢失，无法还原，${EXCEL_TEXT_HINT}`;
      throw new IdNumberError('EXCEL_TRUNCATED', message, input);
    }
    // Checked before cleaning so that a negative number's minus sign is not stripped like a hyphen.
    if (!/^\d+$/.test(input)) throw badCharacter(input, input);
    return input;
  }
  throw new IdNumberError('BAD_CHARACTERS', '身份证号应为文本，收到的内容无法识别，请重新录入', input);
}

function clean(text: string): string {
  // NFKC folds full-width digits and Ｘ from Chinese IMEs into ASCII.
  const folded = text.normalize('NFKC').replace(NOISE, '').replace(LEADING_APOSTROPHE, '');
  return folded.replace(/x/g, 'X');
}

function badCharacter(text: string, input: string): IdNumberError {
  const chars = Array.from(text);
  const index = chars.findIndex((c) => !/[\dX]/.test(c));
  const char = chars[index];
  const codePoint = char.codePointAt(0)!;
  // Non-ASCII look-alikes (Cyrillic О, etc.) and invisible characters are only identifiable by code point.
  const printableAscii = codePoint > 0x20 && codePoint < 0x7f;
  const invisible = codePoint <= 0x20 || (codePoint >= 0x7f && codePoint <= 0x9f);
  const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const shown = printableAscii ? `“${char}”` : invisible ? `（${code}）` : `“${char}”（${code}）`;
  const hint = DIGIT_LOOKALIKES.has(char)
    ? '；字母O、l、I不能代替数字0、1，请对照证件重新录入'
    : '；身份证号只能包含数字，最后一位可以是X，请核对号码';
  return new IdNumberError('BAD_CHARACTERS', `身份证号第${index + 1}位含有非法字符${shown}${hint}`, input);
}
