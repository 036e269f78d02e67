import { IdCipher } from './IdCipher';
import { IdKeyRing } from './IdKeyRing';
import { idKeyRingFromEnv } from './idKeyRingFromEnv';

const LEGACY = Buffer.alloc(32, 1);
const K2025 = Buffer.alloc(32, 2);
const K2026 = Buffer.alloc(32, 3);
const ID = '41092819900101001X';
const hex = (key: Buffer) => key.toString('hex');

describe('idKeyRingFromEnv', () => {
  test('without older keys, the active key (id 1) seals and also reads unkeyed ciphertexts', () => {
    const ring = idKeyRingFromEnv({}, LEGACY);
    expect(ring.activeKeyId).toBe('1');
    const cipher = new IdCipher(ring);
    expect(cipher.encrypt(ID)).toMatch(/^v2\.1\./);
    expect(cipher.decrypt(new IdCipher(LEGACY).encrypt(ID))).toBe(ID);
  });

  test('after rotations the new key seals, and the first (legacy) and older keys still open what they sealed', () => {
    const sealedLegacy = new IdCipher(LEGACY).encrypt(ID);
    const sealedKey1 = new IdCipher(idKeyRingFromEnv({}, LEGACY)).encrypt(ID);
    const sealed2025 = new IdCipher(
      idKeyRingFromEnv({ HUB_ID_ENCRYPTION_KEY_ID: '2025', HUB_ID_ENCRYPTION_OLD_KEYS: `1:${hex(LEGACY)}` }, K2025),
    ).encrypt(ID);
    const ring = idKeyRingFromEnv(
      { HUB_ID_ENCRYPTION_KEY_ID: '2026', HUB_ID_ENCRYPTION_OLD_KEYS: `1:${hex(LEGACY)},\n 2025:${K2025.toString('base64')}` },
      K2026,
    );
    const cipher = new IdCipher(ring);
    expect(ring.legacyKeyId).toBe('1');
    expect(cipher.decrypt(sealedKey1)).toBe(ID);
    expect(cipher.decrypt(sealedLegacy)).toBe(ID);
    expect(cipher.decrypt(sealed2025)).toBe(ID);
    expect(cipher.keyIdOf(sealed2025)).toBe('2025');
    expect(cipher.needsRotation(sealed2025)).toBe(true);
    const fresh = cipher.encrypt(ID);
    expect(fresh).toMatch(/^v2\.2026\./);
    expect(cipher.needsRotation(fresh)).toBe(false);
    // A process that no longer holds the 2026 key cannot read it.
    expect(() => new IdCipher(idKeyRingFromEnv({ HUB_ID_ENCRYPTION_KEY_ID: '2025' }, K2025)).decrypt(fresh)).toThrow(/no key 2026/);
  });

  test.each([
    ['a bad active key id', { HUB_ID_ENCRYPTION_KEY_ID: 'key 1' }, /HUB_ID_ENCRYPTION_KEY_ID/],
    ['an entry without an id', { HUB_ID_ENCRYPTION_OLD_KEYS: hex(K2025) }, /第1项/],
    ['a malformed key', { HUB_ID_ENCRYPTION_OLD_KEYS: '2025:not-a-key' }, /2025/],
    ['an id listed twice', { HUB_ID_ENCRYPTION_OLD_KEYS: `a:${hex(K2025)},a:${hex(LEGACY)}` }, /重复/],
    ['the active id among the old keys', { HUB_ID_ENCRYPTION_OLD_KEYS: `1:${hex(K2025)}` }, /重复/],
    ['the active key again under an old id', { HUB_ID_ENCRYPTION_OLD_KEYS: `old:${hex(K2026)}` }, /相同/],
    ['a legacy key id the ring does not hold', { HUB_ID_ENCRYPTION_LEGACY_KEY_ID: '2020' }, /LEGACY_KEY_ID/],
    [
      'both the variable and its file',
      { HUB_ID_ENCRYPTION_OLD_KEYS: `a:${hex(K2025)}`, HUB_ID_ENCRYPTION_OLD_KEYS_FILE: '/nonexistent' },
      /只能设置一个/,
    ],
  ])('refuses %s', (_label, env, message) => {
    expect(() => idKeyRingFromEnv(env, K2026)).toThrow(message);
  });

  test('never repeats a key in its messages', () => {
    let message = '';
    try {
      idKeyRingFromEnv({ HUB_ID_ENCRYPTION_OLD_KEYS: `2025:${hex(K2025).slice(0, 60)}` }, K2026);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/2025/);
    expect(message).not.toContain(hex(K2025).slice(0, 60));
  });
});

describe('IdKeyRing', () => {
  test('reads unkeyed ciphertexts with the named legacy key when the first key had another id', () => {
    const sealedLegacy = new IdCipher(K2025).encrypt(ID);
    const ring = idKeyRingFromEnv(
      { HUB_ID_ENCRYPTION_KEY_ID: '2026', HUB_ID_ENCRYPTION_OLD_KEYS: `2025:${hex(K2025)}`, HUB_ID_ENCRYPTION_LEGACY_KEY_ID: '2025' },
      K2026,
    );
    expect(new IdCipher(ring).decrypt(sealedLegacy)).toBe(ID);
    // Without the name, unkeyed ciphertexts would be tried with the active key, and fail loudly rather than misread.
    expect(() =>
      new IdCipher(idKeyRingFromEnv({ HUB_ID_ENCRYPTION_KEY_ID: '2026', HUB_ID_ENCRYPTION_OLD_KEYS: `2025:${hex(K2025)}` }, K2026)).decrypt(
        sealedLegacy,
      ),
    ).toThrow(/wrong key/);
  });

  test('refuses a ring whose active or legacy key is missing', () => {
    expect(() => new IdKeyRing('2', { '1': LEGACY })).toThrow(/no key 2/);
    expect(() => new IdKeyRing('1', { '1': LEGACY }, 'legacy')).toThrow(/no key legacy/);
  });

  test('refuses a ciphertext whose key id the ring does not hold', () => {
    const sealed = new IdCipher(IdKeyRing.single(K2025, 'x')).encrypt(ID);
    expect(() => new IdCipher(IdKeyRing.single(K2025, 'y')).decrypt(sealed)).toThrow(/no key x/);
  });
});
