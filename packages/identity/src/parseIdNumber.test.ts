import { parseIdNumber } from './parseIdNumber';

describe('parseIdNumber', () => {
  test.each([
    ['41092819900101001X', '1990-01-01', 'MALE'],
    ['410928198512310028', '1985-12-31', 'FEMALE'],
    ['410928200002290186', '2000-02-29', 'FEMALE'],
    ['41092819780515006X', '1978-05-15', 'FEMALE'],
    ['410928198506151235', '1985-06-15', 'MALE'],
  ])('reads %s as born %s, %s (position 17 odd = male)', (id, birthDate, sex) => {
    expect(parseIdNumber(id)).toEqual({ addressCode: '410928', birthDate, sex });
  });

  test('reads the address code of a number registered elsewhere', () => {
    expect(parseIdNumber('440524188001010014')).toEqual({
      addressCode: '440524',
      birthDate: '1880-01-01',
      sex: 'MALE',
    });
  });

  test.each([
    ['lower-case x', '41092819900101001x'],
    ['a wrong check character', '410928199001010010'],
    ['a 15-digit number', '410928850615123'],
    ['an impossible date with a valid check', '410928199002300019'],
    ['surrounding spaces', ' 41092819900101001X'],
  ])('refuses non-canonical input (%s) with a TypeError', (_label, input) => {
    expect(() => parseIdNumber(input)).toThrow(TypeError);
  });
});
