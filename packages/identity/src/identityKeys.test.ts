import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

type IdentityKeysModule = typeof import('./identityKeys');

/** A fresh copy of the module, so the once-per-process warning state starts clean in every test. */
function freshModule(): IdentityKeysModule {
  let loaded: IdentityKeysModule | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules loads a fresh copy only through require
    loaded = require('./identityKeys') as IdentityKeysModule;
  });
  return loaded!;
}

const PERSON = randomBytes(32);
const ENCRYPTION = randomBytes(32);

describe('identityKeysFromEnv', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-keys-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads both keys given as 64 hex characters', () => {
    const warn = jest.fn();
    const keys = freshModule().identityKeysFromEnv(
      { HUB_PERSON_KEY: PERSON.toString('hex'), HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('hex').toUpperCase() },
      warn,
    );
    expect(keys.personKey.equals(PERSON)).toBe(true);
    expect(keys.encryptionKey.equals(ENCRYPTION)).toBe(true);
    expect(keys.development).toBe(false);
    expect(warn).not.toHaveBeenCalled();
  });

  test('reads both keys given as base64 (standard and URL-safe, padded or not)', () => {
    const keys = freshModule().identityKeysFromEnv(
      { HUB_PERSON_KEY: PERSON.toString('base64'), HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('base64url') },
      jest.fn(),
    );
    expect(keys.personKey.equals(PERSON)).toBe(true);
    expect(keys.encryptionKey.equals(ENCRYPTION)).toBe(true);
  });

  test('ignores surrounding whitespace and a trailing newline in a key', () => {
    const keys = freshModule().identityKeysFromEnv(
      { HUB_PERSON_KEY: ` ${PERSON.toString('hex')}\n`, HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('hex') },
      jest.fn(),
    );
    expect(keys.personKey.equals(PERSON)).toBe(true);
  });

  test('reads keys from the files named by HUB_PERSON_KEY_FILE and HUB_ID_ENCRYPTION_KEY_FILE', () => {
    const personFile = join(dir, 'person.key');
    const encryptionFile = join(dir, 'encryption.key');
    writeFileSync(personFile, `${PERSON.toString('hex')}\n`);
    writeFileSync(encryptionFile, ENCRYPTION.toString('base64'));
    const keys = freshModule().identityKeysFromEnv(
      { HUB_PERSON_KEY_FILE: personFile, HUB_ID_ENCRYPTION_KEY_FILE: encryptionFile, NODE_ENV: 'production' },
      jest.fn(),
    );
    expect(keys.personKey.equals(PERSON)).toBe(true);
    expect(keys.encryptionKey.equals(ENCRYPTION)).toBe(true);
    expect(keys.development).toBe(false);
  });

  test('throws naming the _FILE variable and path when the key file cannot be read', () => {
    const missing = join(dir, 'absent.key');
    expect(() =>
      freshModule().identityKeysFromEnv({ HUB_PERSON_KEY_FILE: missing, HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('hex') }, jest.fn()),
    ).toThrow(new RegExp(`HUB_PERSON_KEY_FILE.*${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  test('throws when both a key and its _FILE variable are set', () => {
    const file = join(dir, 'person.key');
    writeFileSync(file, PERSON.toString('hex'));
    expect(() =>
      freshModule().identityKeysFromEnv({ HUB_PERSON_KEY: PERSON.toString('hex'), HUB_PERSON_KEY_FILE: file }, jest.fn()),
    ).toThrow(/HUB_PERSON_KEY.*HUB_PERSON_KEY_FILE/);
  });

  describe('development defaults', () => {
    test('uses fixed sha256-derived keys, marks them as development and warns in Chinese and English', () => {
      const warn = jest.fn();
      const keys = freshModule().identityKeysFromEnv({}, warn);
      expect(keys.development).toBe(true);
      expect(keys.personKey).toHaveLength(32);
      expect(keys.encryptionKey).toHaveLength(32);
      expect(keys.personKey.equals(keys.encryptionKey)).toBe(false);
      expect(keys.personKey.equals(createHash('sha256').update('puyang-skills-hub/identity/dev/person-key/v1').digest())).toBe(true);
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0]![0]);
      expect(message).toContain('警告');
      expect(message).toContain('WARNING');
      expect(message).toContain('HUB_PERSON_KEY');
    });

    test('gives the same development keys in every process (fresh module, same bytes)', () => {
      const first = freshModule().identityKeysFromEnv({}, jest.fn());
      const second = freshModule().identityKeysFromEnv({ NODE_ENV: 'test' }, jest.fn());
      expect(first.personKey.equals(second.personKey)).toBe(true);
      expect(first.encryptionKey.equals(second.encryptionKey)).toBe(true);
    });

    test('warns only once per process however often keys are read', () => {
      const mod = freshModule();
      const warn = jest.fn();
      mod.identityKeysFromEnv({}, warn);
      mod.identityKeysFromEnv({}, warn);
      mod.identityKeysFromEnv({ NODE_ENV: 'development' }, warn);
      expect(warn).toHaveBeenCalledTimes(1);
    });

    test('fills in only the missing key and still warns, naming it', () => {
      const warn = jest.fn();
      const keys = freshModule().identityKeysFromEnv({ HUB_PERSON_KEY: PERSON.toString('hex') }, warn);
      expect(keys.personKey.equals(PERSON)).toBe(true);
      expect(keys.development).toBe(true);
      expect(String(warn.mock.calls[0]![0])).toContain('HUB_ID_ENCRYPTION_KEY');
      expect(String(warn.mock.calls[0]![0])).not.toContain('HUB_PERSON_KEY');
    });

    test('treats an empty variable as unset', () => {
      const keys = freshModule().identityKeysFromEnv({ HUB_PERSON_KEY: '', HUB_ID_ENCRYPTION_KEY: '  ' }, jest.fn());
      expect(keys.development).toBe(true);
    });
  });

  describe('production', () => {
    test.each([
      ['NODE_ENV=production', { NODE_ENV: 'production' }],
      ['HUB_MODE=production', { HUB_MODE: 'production' }],
    ])('throws naming both variables when no keys are configured (%s)', (_label, env) => {
      const warn = jest.fn();
      const read = (): unknown => freshModule().identityKeysFromEnv(env, warn);
      expect(read).toThrow(/HUB_PERSON_KEY/);
      expect(read).toThrow(/HUB_ID_ENCRYPTION_KEY/);
      expect(warn).not.toHaveBeenCalled();
    });

    test('throws naming only the missing variable when one key is configured', () => {
      const read = (): unknown =>
        freshModule().identityKeysFromEnv({ NODE_ENV: 'production', HUB_PERSON_KEY: PERSON.toString('hex') }, jest.fn());
      expect(read).toThrow(/HUB_ID_ENCRYPTION_KEY/);
      expect(read).not.toThrow(/HUB_PERSON_KEY/);
    });

    test('refuses the public development key', () => {
      const devPerson = createHash('sha256').update('puyang-skills-hub/identity/dev/person-key/v1').digest('hex');
      expect(() =>
        freshModule().identityKeysFromEnv(
          { HUB_MODE: 'production', HUB_PERSON_KEY: devPerson, HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('hex') },
          jest.fn(),
        ),
      ).toThrow(/HUB_PERSON_KEY.*development key/);
    });

    test('accepts configured keys', () => {
      const keys = freshModule().identityKeysFromEnv(
        { NODE_ENV: 'production', HUB_PERSON_KEY: PERSON.toString('hex'), HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('base64') },
        jest.fn(),
      );
      expect(keys.development).toBe(false);
    });
  });

  describe('malformed keys', () => {
    test.each([
      ['63 hex characters', PERSON.toString('hex').slice(0, 63)],
      ['16 bytes of hex', randomBytes(16).toString('hex')],
      ['31 bytes of base64', randomBytes(31).toString('base64')],
      ['33 bytes of base64', randomBytes(33).toString('base64')],
      ['a passphrase', 'correct horse battery staple'],
    ])('throws naming HUB_PERSON_KEY for %s, without echoing the value', (_label, value) => {
      let message = '';
      try {
        freshModule().identityKeysFromEnv({ HUB_PERSON_KEY: value, HUB_ID_ENCRYPTION_KEY: ENCRYPTION.toString('hex') }, jest.fn());
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain('HUB_PERSON_KEY');
      expect(message).toContain('32');
      expect(message).not.toContain(value);
    });

    test('throws naming HUB_ID_ENCRYPTION_KEY_FILE for a malformed key file', () => {
      const file = join(dir, 'short.key');
      writeFileSync(file, randomBytes(16).toString('hex'));
      expect(() =>
        freshModule().identityKeysFromEnv({ HUB_PERSON_KEY: PERSON.toString('hex'), HUB_ID_ENCRYPTION_KEY_FILE: file }, jest.fn()),
      ).toThrow(/HUB_ID_ENCRYPTION_KEY_FILE/);
    });

    test('throws for a malformed key even in development instead of falling back', () => {
      expect(() => freshModule().identityKeysFromEnv({ HUB_ID_ENCRYPTION_KEY: 'abc' }, jest.fn())).toThrow(/HUB_ID_ENCRYPTION_KEY/);
    });
  });
});
