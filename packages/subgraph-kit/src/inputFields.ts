import { CreditCodeError, IdNumberError, normalizeCreditCode, normalizeIdNumber } from '@hub/identity';
import { matchOccupation, matchTownship, unknownTownshipMessage } from '@hub/vocabulary';
import { isIsoDate, todayIso } from './DateScalar';
import { InputError } from './errors';
import type { IdentityService } from './IdentityService';

// Checks of single input fields, each failing with an InputError that names the field and says, in
// Chinese, what is wrong. Every department's mutations and the programmes use these.

/** The canonical 18-character form of an ID number as typed (see @hub/identity for what is repaired). */
export function canonicalIdNumber(idNumber: string, field = 'idNumber'): string {
  try {
    return normalizeIdNumber(idNumber).idNumber;
  } catch (error) {
    if (error instanceof IdNumberError) throw new InputError(`ID_NUMBER_${error.code}`, field, error.message);
    throw error;
  }
}

/** The canonical 统一社会信用代码 as typed (GB 32100-2015 check character verified); BAD_CREDIT_CODE otherwise. */
export function canonicalCreditCode(creditCode: string, field = 'creditCode'): string {
  try {
    return normalizeCreditCode(creditCode);
  } catch (error) {
    if (error instanceof CreditCodeError) throw new InputError('BAD_CREDIT_CODE', field, error.message);
    throw error;
  }
}

/** The person id of an ID number as typed. */
export function personIdOf(identity: IdentityService, idNumber: string, field = 'idNumber'): string {
  return identity.personIdOf(canonicalIdNumber(idNumber, field));
}

/** A required text, trimmed, with a length limit. */
export function requiredText(field: string, value: unknown, label: string, maxLength: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text) throw new InputError('REQUIRED', field, `${label}不能为空`);
  if (text.length > maxLength) throw new InputError('TOO_LONG', field, `${label}过长（最多 ${maxLength} 个字符）`);
  return text;
}

/** A real calendar date, YYYY-MM-DD. */
export function dateField(field: string, value: unknown, label: string): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new InputError('BAD_DATE', field, `${label}须为 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(value ?? null)}`);
  }
  return value;
}

/** A real date, not after today. */
export function pastDate(field: string, value: unknown, label: string): string {
  const date = dateField(field, value, label);
  if (date > todayIso()) throw new InputError('FUTURE_DATE', field, `${label} ${date} 晚于今天`);
  return date;
}

/** The code of one of the county's townships (name, former name or statistics code), or UNKNOWN_TOWNSHIP on `field`. */
export function townshipCodeOf(value: string, field = 'township'): string {
  const township = matchTownship(value);
  if (!township) throw new InputError('UNKNOWN_TOWNSHIP', field, unknownTownshipMessage(value));
  return township.code;
}

/** An occupation or a group of them (大类/中类/小类) to filter by, or UNKNOWN_OCCUPATION on `field`. */
export function occupationFilterCodeOf(value: string, field = 'occupation'): string {
  const occupation = matchOccupation(value);
  if (!occupation) throw new InputError('UNKNOWN_OCCUPATION', field, `职业(工种)“${value}”不在2022版职业分类大典中`);
  return occupation.code;
}

/** An occupation (code, name or alias) of the 2022 catalogue; groups (大类/中类/小类) are not occupations. */
export function occupationCodeOf(value: string, field = 'occupation'): string {
  const occupation = matchOccupation(value);
  if (!occupation || occupation.level !== 4) {
    throw new InputError('UNKNOWN_OCCUPATION', field, `职业(工种)“${value}”不在《职业分类大典（2022年版）》中，请填写职业编码或规范名称`);
  }
  return occupation.code;
}
