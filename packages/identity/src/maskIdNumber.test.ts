import { maskIdNumber, remaskIdNumber } from './maskIdNumber';

describe('maskIdNumber', () => {
  test('keeps only the address code and masks the other 12 characters', () => {
    expect(maskIdNumber('41092819880712123X')).toBe('410928************');
  });

  test('hides the birth date, the sequence digits and the check character', () => {
    const masked = maskIdNumber('410928198512310028');
    expect(masked).not.toContain('19851231');
    expect(masked).not.toContain('0028');
    expect(masked.slice(6)).toMatch(/^\*{12}$/);
  });

  test.each([
    ['a 15-digit number', '410928850615123'],
    ['17 characters', '41092819900101001'],
    ['19 characters', '41092819900101001X1'],
    ['the empty string', ''],
  ])('returns ****** for %s', (_label, value) => {
    expect(maskIdNumber(value)).toBe('******');
  });

  test('returns ****** for a non-string value that reached it untyped', () => {
    // Untyped callers (JSON, a driver's row) can pass what the type forbids.
    expect(maskIdNumber(undefined as unknown as string)).toBe('******');
  });
});

describe('remaskIdNumber', () => {
  test('derives the current mask from the older one without the number', () => {
    expect(remaskIdNumber('410928********123X')).toBe('410928************');
  });

  test('leaves a current mask as it is', () => {
    expect(remaskIdNumber('410928************')).toBe('410928************');
  });

  test.each([['******'], [''], [null], [undefined], ['41092*************'], ['ABCDEF************']])('returns ****** for %p', (stored) => {
    expect(remaskIdNumber(stored)).toBe('******');
  });
});
