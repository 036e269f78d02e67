const FULL_MASK = '******';
const HIDDEN_TAIL = '*'.repeat(12);
const ADDRESS_CODE = /^\d{6}$/;

/**
 * Display form 410928************: only the address code (first registration county) stays. The birth
 * date, the sequence digits (whose parity is the sex) and the check character are hidden, so that the
 * mask together with what a role may also see (birth year, sex) leaves at least 1,000 candidates
 * (see idNumberCandidates).
 */
export function maskIdNumber(canonical: string): string {
  // Anything not 18 characters long is not trusted to have a safe-to-show prefix.
  if (typeof canonical !== 'string' || canonical.length !== 18) return FULL_MASK;
  return remaskIdNumber(canonical);
}

/**
 * The current mask from any stored mask or number: the older form 410928********123X (which showed
 * the sequence digits and the check character) keeps its first six characters and loses the rest.
 * Applied on every read, so a row that missed the migration never shows more than the current mask.
 */
export function remaskIdNumber(stored: string | null | undefined): string {
  if (typeof stored !== 'string' || stored.length !== 18 || !ADDRESS_CODE.test(stored.slice(0, 6))) return FULL_MASK;
  return `${stored.slice(0, 6)}${HIDDEN_TAIL}`;
}
