import { InputError } from '@hub/subgraph-kit';

/** A code of an institution, employer or agency: letters, digits, - and _ (a 统一社会信用代码 fits). */
export function codeOf(field: string, value: string, label: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z0-9_-]{2,32}$/.test(code)) throw new InputError('BAD_CODE', field, `${label}“${value}”无效：须为 2-32 位字母、数字、- 或 _`);
  return code;
}
