import { maskIdNumber } from './maskIdNumber';

describe('maskIdNumber', () => {
  test('keeps the first 6 and last 4 characters and masks the 8 between', () => {
    expect(maskIdNumber('41092819880712123X')).toBe('410928********123X');
  });

  test('hides the birth date', () => {
    expect(maskIdNumber('410928198512310028')).not.toContain('19851231');
    expect(maskIdNumber('410928198512310028')).toBe('410928********0028');
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
    expect(maskIdNumber(undefined as unknown as string)).toBe('******');
  });
});
