import { isCanonicalIdNumber } from './isCanonicalIdNumber';

describe('isCanonicalIdNumber', () => {
  test.each(['41092819900101001X', '410928198512310028', '440524188001010014'])('is true for %s', (id) => {
    expect(isCanonicalIdNumber(id)).toBe(true);
  });

  test('does not consult the clock, so a stored number never turns non-canonical (a 2030 birth date passes here)', () => {
    expect(isCanonicalIdNumber('410928203001010019')).toBe(true);
  });

  test.each([
    ['lower-case x', '41092819900101001x'],
    ['a wrong check character', '410928199001010010'],
    ['an impossible date with a valid check', '410928199002300019'],
    ['a year before 1800 with a valid check', '410928179912310015'],
    ['15 digits', '410928850615123'],
    ['a number value', 410928850615123],
    ['undefined', undefined],
  ])('is false for %s', (_label, value) => {
    expect(isCanonicalIdNumber(value)).toBe(false);
  });
});
