import { createHmac } from 'crypto';
import { personId } from './personId';

const KEY_A = Buffer.alloc(32, 0xa5);
const KEY_B = Buffer.alloc(32, 0x5a);

describe('personId', () => {
  test('is 32 lower-case hex characters (128 bits)', () => {
    expect(personId(KEY_A, '41092819900101001X')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('is the first 16 bytes of HMAC-SHA256(key, canonical number)', () => {
    const full = createHmac('sha256', KEY_A).update('41092819900101001X').digest('hex');
    expect(personId(KEY_A, '41092819900101001X')).toBe(full.slice(0, 32));
  });

  test('is stable: the same key bytes and number always give the same pinned id', () => {
    // Pinned so that a change to the derivation, which would orphan every stored person, fails here.
    expect(personId(Buffer.alloc(32, 0xa5), '410928198512310028')).toBe('18b70c40ca5a6390ffd26208d12282ec');
    expect(personId(Buffer.from(KEY_A), '410928198512310028')).toBe('18b70c40ca5a6390ffd26208d12282ec');
  });

  test('differs for different numbers under the same key', () => {
    expect(personId(KEY_A, '41092819900101001X')).not.toBe(personId(KEY_A, '410928198512310028'));
  });

  test('differs for the same number under different keys', () => {
    expect(personId(KEY_A, '41092819900101001X')).not.toBe(personId(KEY_B, '41092819900101001X'));
  });

  test('accepts a key longer than 32 bytes', () => {
    expect(personId(Buffer.alloc(64, 1), '41092819900101001X')).toMatch(/^[0-9a-f]{32}$/);
  });

  test('throws when the key is shorter than 32 bytes', () => {
    expect(() => personId(Buffer.alloc(31, 1), '41092819900101001X')).toThrow(/32 bytes/);
  });

  test.each([
    ['lower-case x', '41092819900101001x'],
    ['a 15-digit number', '410928850615123'],
    ['surrounding spaces', '41092819900101001X '],
    ['a wrong check character', '410928199001010010'],
  ])('refuses a non-canonical number (%s) so one person cannot get two ids', (_label, input) => {
    expect(() => personId(KEY_A, input)).toThrow(TypeError);
  });
});
