import { IdCipher } from './IdCipher';

const KEY = Buffer.alloc(32, 7);
const OTHER_KEY = Buffer.alloc(32, 8);
const ID = '41092819900101001X';

/** Re-encodes the sealed value after flipping one bit of the decoded byte at `index` (negative counts from the end). */
function flipByte(sealed: string, index: number): string {
  const packed = Buffer.from(sealed.slice(3), 'base64url');
  const at = index < 0 ? packed.length + index : index;
  packed[at] = packed[at] ^ 0x01;
  return `v1.${packed.toString('base64url')}`;
}

describe('IdCipher', () => {
  test('decrypts what it encrypted', () => {
    const cipher = new IdCipher(KEY);
    expect(cipher.decrypt(cipher.encrypt(ID))).toBe(ID);
  });

  test('round-trips non-ASCII text and the empty string', () => {
    const cipher = new IdCipher(KEY);
    expect(cipher.decrypt(cipher.encrypt('濮阳县'))).toBe('濮阳县');
    expect(cipher.decrypt(cipher.encrypt(''))).toBe('');
  });

  test('writes v1. followed by base64url of iv(12) | tag(16) | ciphertext', () => {
    const sealed = new IdCipher(KEY).encrypt(ID);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed.slice(3), 'base64url')).toHaveLength(12 + 16 + ID.length);
  });

  test('never contains the plaintext', () => {
    expect(new IdCipher(KEY).encrypt(ID)).not.toContain(ID);
  });

  test('gives a different ciphertext and IV each time for the same plaintext', () => {
    const cipher = new IdCipher(KEY);
    const sealed = Array.from({ length: 20 }, () => cipher.encrypt(ID));
    expect(new Set(sealed).size).toBe(20);
    const ivs = sealed.map((s) => Buffer.from(s.slice(3), 'base64url').subarray(0, 12).toString('hex'));
    expect(new Set(ivs).size).toBe(20);
  });

  test('a second instance with the same key decrypts (no per-instance state)', () => {
    expect(new IdCipher(Buffer.from(KEY)).decrypt(new IdCipher(KEY).encrypt(ID))).toBe(ID);
  });

  test.each([
    ['the IV', 0],
    ['the tag', 12],
    ['the ciphertext', -1],
  ])('detects a flipped bit in %s', (_label, index) => {
    const cipher = new IdCipher(KEY);
    const tampered = flipByte(cipher.encrypt(ID), index);
    expect(() => cipher.decrypt(tampered)).toThrow(/wrong key or tampered/);
  });

  test('detects a truncated ciphertext', () => {
    const cipher = new IdCipher(KEY);
    const packed = Buffer.from(cipher.encrypt(ID).slice(3), 'base64url');
    const shorter = `v1.${packed.subarray(0, packed.length - 1).toString('base64url')}`;
    expect(() => cipher.decrypt(shorter)).toThrow(/wrong key or tampered/);
  });

  test('refuses to decrypt with the wrong key', () => {
    const sealed = new IdCipher(KEY).encrypt(ID);
    expect(() => new IdCipher(OTHER_KEY).decrypt(sealed)).toThrow(/wrong key or tampered/);
  });

  test.each([
    ['no version prefix', 'AAAA'],
    ['an unknown version', 'v9.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a keyed version without a key id', 'v2.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('rejects %s as an unknown version', (_label, sealed) => {
    expect(() => new IdCipher(KEY).decrypt(sealed)).toThrow(/unknown ciphertext version/);
  });

  test('rejects characters outside base64url instead of silently skipping them', () => {
    const sealed = new IdCipher(KEY).encrypt(ID);
    expect(() => new IdCipher(KEY).decrypt(`${sealed.slice(0, 10)}*${sealed.slice(10)}`)).toThrow(/base64url/);
  });

  test('rejects input shorter than IV plus tag', () => {
    expect(() => new IdCipher(KEY).decrypt(`v1.${Buffer.alloc(27).toString('base64url')}`)).toThrow(/too short/);
  });

  test.each([16, 31, 33, 64])('refuses a %i-byte key', (length) => {
    expect(() => new IdCipher(Buffer.alloc(length))).toThrow(/32 bytes/);
  });

  test('keeps working after the caller overwrites its key buffer', () => {
    const key = Buffer.from(KEY);
    const cipher = new IdCipher(key);
    const sealed = cipher.encrypt(ID);
    key.fill(0);
    expect(cipher.decrypt(sealed)).toBe(ID);
  });
});
