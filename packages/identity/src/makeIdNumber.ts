import { birthDateProblem } from './birthDateProblem';
import { checkCharacter } from './checkCharacter';

const ADDRESS_CODE = /^\d{6}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A synthetic but valid 18-character number for demo data and tests. The inputs are checked
 * with the same birth-date rules as normalizeIdNumber, so the result always normalizes to itself.
 */
export function makeIdNumber(addressCode: string, birthDate: string, sequence: number): string {
  if (!ADDRESS_CODE.test(addressCode)) {
    throw new RangeError(`makeIdNumber: addressCode must be 6 digits, got "${addressCode}"`);
  }
  const date = ISO_DATE.exec(birthDate);
  const yyyymmdd = date ? `${date[1]}${date[2]}${date[3]}` : '';
  const problem = date ? birthDateProblem(yyyymmdd) : 'NOT_A_DATE';
  if (problem !== undefined) {
    throw new RangeError(`makeIdNumber: birthDate "${birthDate}" is not usable (${problem})`);
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError(`makeIdNumber: sequence must be an integer 0..999, got ${sequence}`);
  }
  const body17 = `${addressCode}${yyyymmdd}${String(sequence).padStart(3, '0')}`;
  return body17 + checkCharacter(body17);
}
