import { CreditCodeError, creditCodeCheckCharacter, normalizeCreditCode, tryNormalizeCreditCode } from './normalizeCreditCode';

/** Published codes of real enterprises and the standard's own example (GB 32100-2015 附录). */
const REAL = ['91350100M000100Y43', '91110108551385082Q', '914403001922038216', '91330100716105852F'];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof CreditCodeError ? error.code : 'OTHER';
  }
  return undefined;
}

describe('normalizeCreditCode', () => {
  it.each(REAL)('accepts the real-format code %s', (code) => {
    expect(normalizeCreditCode(code)).toBe(code);
  });

  it('computes the standard example check character from the first 17 characters', () => {
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('tolerates what clerks type: spaces, dashes, apostrophe, lower case and full-width characters', () => {
    expect(normalizeCreditCode(" '9135 0100-m000 100y43 ")).toBe('91350100M000100Y43');
    expect(normalizeCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
  });

  it('refuses every single-character change of a valid code', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const valid of REAL) {
      for (let i = 0; i < 18; i += 1) {
        for (const c of alphabet) {
          if (c === valid[i]) continue;
          const changed = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(tryNormalizeCreditCode(changed)).toBeNull();
        }
      }
    }
  });

  it('refuses a swap of two adjacent different characters', () => {
    const valid = '91350100M000100Y43';
    for (let i = 0; i < 17; i += 1) {
      if (valid[i] === valid[i + 1]) continue;
      const swapped = valid.slice(0, i) + valid[i + 1] + valid[i] + valid.slice(i + 2);
      expect(codeOf(() => normalizeCreditCode(swapped))).toBe('BAD_CHECK_CHARACTER');
    }
  });

  it('says why a code is refused', () => {
    expect(codeOf(() => normalizeCreditCode('  '))).toBe('EMPTY');
    expect(codeOf(() => normalizeCreditCode('91350100M000100Y4'))).toBe('BAD_LENGTH');
    expect(codeOf(() => normalizeCreditCode('91350100M000100Y433'))).toBe('BAD_LENGTH');
    // I, O, Z, S and V are not in the alphabet (they look like 1, 0, 2, 5 and U).
    for (const letter of 'IOZSV') expect(codeOf(() => normalizeCreditCode(`91350100M000100${letter}43`))).toBe('BAD_CHARACTERS');
    expect(codeOf(() => normalizeCreditCode('91350100M000100Y44'))).toBe('BAD_CHECK_CHARACTER');
    // An 18-digit ID number is not a credit code.
    expect(tryNormalizeCreditCode('11010519491231002X')).toBeNull();
  });

  it('refuses a body outside the alphabet when asked for its check character', () => {
    expect(() => creditCodeCheckCharacter('91350100M000100I4')).toThrow(TypeError);
    expect(() => creditCodeCheckCharacter('9135')).toThrow(TypeError);
  });
});
