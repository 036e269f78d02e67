/** ISO 7064 MOD 11-2 weights for body positions 1..17 (GB 11643-1999 §8.2): W_i = 2^(i-1) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Check character indexed by (weighted sum mod 11); 10 is written as upper-case X. */
const CHECK_BY_REMAINDER = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

const BODY_17 = /^\d{17}$/;

/** The 18th character of a GB 11643-1999 number, computed from its first 17 digits. */
export function checkCharacter(body17: string): string {
  if (!BODY_17.test(body17)) {
    throw new TypeError(`checkCharacter expects exactly 17 ASCII digits, got ${body17.length} characters`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i];
  }
  return CHECK_BY_REMAINDER[sum % 11];
}
