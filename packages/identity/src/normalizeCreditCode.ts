/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and upper-case letters
 * without I, O, Z, S, V), the last one a check character over the first 17 (ISO 7064-style MOD 31).
 */
export type CreditCodeErrorCode = 'EMPTY' | 'BAD_LENGTH' | 'BAD_CHARACTERS' | 'BAD_CHECK_CHARACTER';

/** A raw 统一社会信用代码 that cannot be accepted; `message` is for the clerk, `code` for programs. */
export class CreditCodeError extends Error {
  readonly code: CreditCodeErrorCode;

  constructor(code: CreditCodeErrorCode, message: string) {
    super(message);
    this.name = 'CreditCodeError';
    this.code = code;
  }
}

/** The code's alphabet, in the order of each character's value 0..30 (GB 32100-2015 表3). */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1..17: 3^(i-1) mod 31 (GB 32100-2015 §5.1). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Spaces (incl. NBSP, ideographic space), zero-width characters, BOM and hyphen/dash variants clerks type or paste. */
const NOISE = /[\s\u200B-\u200D\u2060\uFEFF\-\u2010-\u2015\u2212]/g;
const LEADING_APOSTROPHE = /^['\u2018\u2019]/;

/** The 18th character of a 统一社会信用代码, computed from its first 17 (which must be in the code's alphabet). */
export function creditCodeCheckCharacter(body17: string): string {
  if (body17.length !== 17) throw new TypeError(`creditCodeCheckCharacter expects 17 characters, got ${body17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(body17[i]);
    if (value < 0) throw new TypeError(`creditCodeCheckCharacter: character ${i + 1} is outside the code's alphabet`);
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** Full-width digits and letters (as typed with a Chinese input method) to ASCII, then upper case. */
function toAsciiUpper(raw: string): string {
  return raw.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toUpperCase();
}

/**
 * The canonical 18-character 统一社会信用代码 of what a clerk typed or a spreadsheet held (spaces, dashes, a leading
 * apostrophe, full-width or lower-case characters are tolerated), or a CreditCodeError saying what is wrong.
 */
export function normalizeCreditCode(raw: string): string {
  const code = toAsciiUpper(
    String(raw ?? '')
      .replace(NOISE, '')
      .replace(LEADING_APOSTROPHE, ''),
  );
  if (!code) throw new CreditCodeError('EMPTY', '统一社会信用代码为空');
  if (code.length !== 18) throw new CreditCodeError('BAD_LENGTH', `统一社会信用代码须为 18 位，收到 ${code.length} 位`);
  const bad = [...code].findIndex((c) => !ALPHABET.includes(c));
  if (bad >= 0) {
    throw new CreditCodeError(
      'BAD_CHARACTERS',
      `统一社会信用代码第 ${bad + 1} 位“${code[bad]}”无效：只能是数字和除 I、O、Z、S、V 以外的大写字母`,
    );
  }
  const expected = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) throw new CreditCodeError('BAD_CHECK_CHARACTER', '统一社会信用代码校验位不符，请核对是否录错');
  return code;
}

/** normalizeCreditCode without the throw: the canonical code, or null. */
export function tryNormalizeCreditCode(raw: string): string | null {
  try {
    return normalizeCreditCode(raw);
  } catch (error) {
    if (error instanceof CreditCodeError) return null;
    throw error;
  }
}
