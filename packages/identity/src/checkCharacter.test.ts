import { checkCharacter } from './checkCharacter';

describe('checkCharacter (ISO 7064 MOD 11-2)', () => {
  // Copied from domain-facts.json idNumber.workedExamples and upgrade15to18.example.
  test.each([
    ['41092819900101001', 'X'],
    ['41092819851231002', '8'],
    ['41092820000229018', '6'],
    ['41092819780515006', 'X'],
    ['41092819850615123', '5'],
  ])('computes the worked-example check character of %s as %s', (body17, expected) => {
    expect(checkCharacter(body17)).toBe(expected);
  });

  test.each([
    ['34052419800101001', 'X'],
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
  ])('reproduces the check character of the published GB 11643 example %s%s', (body17, expected) => {
    expect(checkCharacter(body17)).toBe(expected);
  });

  test('maps every remainder 0..10 to the table 1 0 X 9 8 7 6 5 4 3 2', () => {
    // Only the 8th weight is 1, so varying that digit walks the remainder through every value.
    const seen = new Map<number, string>();
    for (let d = 0; d <= 9; d += 1) {
      seen.set(d, checkCharacter(`0000000${d}000000000`));
    }
    expect([...seen.values()]).toEqual(['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3']);
    // Weight of position 3 is 10: digit 1 there gives remainder 10.
    expect(checkCharacter('00100000000000000')).toBe('2');
  });

  test.each(['4109281990010100', '410928199001010011', '4109281990010100X', '４1092819900101001', ''])(
    'throws a TypeError for a body that is not exactly 17 ASCII digits: %j',
    (bad) => {
      expect(() => checkCharacter(bad)).toThrow(TypeError);
    },
  );
});
