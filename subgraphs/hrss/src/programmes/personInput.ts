import { IdNumberError, normalizeIdNumber } from '@hub/identity';
import { IdentityService, InputError } from '@hub/subgraph-kit';
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

/** An occupation (code, name or alias) of the 2022 catalogue; groups are not occupations. */
export function occupationCodeOf(value: string, field = 'occupation'): string {
  const occupation = matchOccupation(value);
  if (!occupation || occupation.level !== 4) {
    throw new InputError('UNKNOWN_OCCUPATION', field, `职业(工种)“${value}”不在《职业分类大典（2022年版）》中，请填写职业编码或规范名称`);
  }
  return occupation.code;
}

/** A required text, trimmed, with a length limit. */
export function requiredText(field: string, value: string | null | undefined, label: string, maxLength: number): string {
  const text = (value ?? '').trim();
  if (!text) throw new InputError('REQUIRED', field, `${label}不能为空`);
  if (text.length > maxLength) throw new InputError('TOO_LONG', field, `${label}过长（最多 ${maxLength} 个字符）`);
  return text;
}
