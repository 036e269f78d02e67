const FULL_MASK = '******';

/** Display form 410928********123X: region and the last four stay recognisable, the birth date does not. */
export function maskIdNumber(canonical: string): string {
  // Anything not 18 characters long is not trusted to have a safe-to-show prefix or suffix.
  if (typeof canonical !== 'string' || canonical.length !== 18) return FULL_MASK;
  return `${canonical.slice(0, 6)}********${canonical.slice(14)}`;
}
