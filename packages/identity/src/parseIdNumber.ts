import { isCanonicalIdNumber } from './isCanonicalIdNumber';

export interface ParsedIdNumber {
  /** Positions 1-6: county of first household registration (not necessarily 濮阳县). */
  addressCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'MALE' | 'FEMALE';
}

/** Fields encoded in a canonical number (the output of normalizeIdNumber). */
export function parseIdNumber(canonical: string): ParsedIdNumber {
  if (!isCanonicalIdNumber(canonical)) {
    throw new TypeError('parseIdNumber expects a canonical 18-character ID number; call normalizeIdNumber first');
  }
  return {
    addressCode: canonical.slice(0, 6),
    birthDate: `${canonical.slice(6, 10)}-${canonical.slice(10, 12)}-${canonical.slice(12, 14)}`,
    // GB 11643-1999 §7: the last digit of the order code (position 17) is odd for men, even for women.
    sex: Number(canonical[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}
