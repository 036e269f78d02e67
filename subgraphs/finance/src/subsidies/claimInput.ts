import { IdNumberError, normalizeIdNumber } from '@hub/identity';
import { IdentityService, InputError, isIsoDate, todayIso } from '@hub/subgraph-kit';
import { matchOccupation } from '@hub/vocabulary';

/** The person id of an ID number as typed; a bad number is an InputError naming the field. */
export function personIdOf(identity: IdentityService, idNumber: string, field = 'idNumber'): string {
  try {
    return identity.personIdOf(normalizeIdNumber(idNumber).idNumber);
  } catch (error) {
    if (error instanceof IdNumberError) throw new InputError(`ID_NUMBER_${error.code}`, field, error.message);
    throw error;
  }
}

/** An occupation (code, name or alias) of the 2022 catalogue. */
export function occupationCodeOf(value: string, field = 'occupation'): string {
  const occupation = matchOccupation(value);
  if (!occupation || occupation.level !== 4) {
    throw new InputError('UNKNOWN_OCCUPATION', field, `职业(工种)“${value}”不在《职业分类大典（2022年版）》中，请填写职业编码或规范名称`);
  }
  return occupation.code;
}

export function requiredText(field: string, value: string | null | undefined, label: string, maxLength: number): string {
  const text = (value ?? '').trim();
  if (!text) throw new InputError('REQUIRED', field, `${label}不能为空`);
  if (text.length > maxLength) throw new InputError('TOO_LONG', field, `${label}过长（最多 ${maxLength} 个字符）`);
  return text;
}

/** A code of an institution, employer or agency: letters, digits, - and _ (a 统一社会信用代码 fits). */
export function codeOf(field: string, value: string, label: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{2,32}$/.test(code)) throw new InputError('BAD_CODE', field, `${label}“${value}”无效：须为 2-32 位字母、数字、- 或 _`);
  return code;
}

/** A real date, not after today. */
export function pastDate(field: string, value: string, label: string): string {
  if (!isIsoDate(value)) throw new InputError('BAD_DATE', field, `${label}须为 YYYY-MM-DD 格式的真实日期，收到 ${JSON.stringify(value)}`);
  if (value > todayIso()) throw new InputError('FUTURE_DATE', field, `${label} ${value} 晚于今天`);
  return value;
}

/** The same day `months` later, clamped to the month's end (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole calendar months from one date to another, counting a month only once its day is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  let months = (ty - fy) * 12 + (tm - fm);
  if (addMonths(from, months) > to) months--;
  return months;
}
