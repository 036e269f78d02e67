import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import { IdKeyRing, KEY_ID } from './IdKeyRing';

/** Before key ids: `v1.` + body, always under the legacy key. */
const LEGACY_PREFIX = 'v1.';
/** `v2.<keyId>.` + body. */
const KEYED_PREFIX = 'v2.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * AES-256-GCM for raw ID numbers at rest. With a key ring it writes `v2.<keyId>.` + base64url(iv | tag |
 * ciphertext) under the active key and reads every key of the ring; `v1.` ciphertexts (no key id) read
 * with the ring's legacy key. Given a bare key it writes and reads `v1.` only, as before key ids.
 */
export class IdCipher {
  readonly #ring: IdKeyRing;
  readonly #keyed: boolean;

  constructor(keyOrRing: Buffer | IdKeyRing) {
    if (keyOrRing instanceof IdKeyRing) {
      this.#ring = keyOrRing;
      this.#keyed = true;
    } else {
      if (!Buffer.isBuffer(keyOrRing) || keyOrRing.length !== KEY_BYTES) {
        throw new RangeError(`IdCipher: the encryption key must be exactly ${KEY_BYTES} bytes`);
      }
      this.#ring = IdKeyRing.single(keyOrRing);
      this.#keyed = false;
    }
  }

  /** The prefix of what encrypt writes now; a ciphertext without it is due for re-encryption. */
  get currentPrefix(): string {
    return this.#keyed ? `${KEYED_PREFIX}${this.#ring.activeKeyId}.` : LEGACY_PREFIX;
  }

  encrypt(plain: string): string {
    // A fresh random IV per call: GCM with a repeated IV under one key leaks plaintext and the auth key.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#ring.activeKey, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return this.currentPrefix + Buffer.concat([iv, tag, ciphertext]).toString('base64url');
  }

  /** The key id a ciphertext was written under (the legacy key's id for `v1.`). */
  keyIdOf(sealed: string): string {
    return this.split(sealed).keyId;
  }

  /** True when the ciphertext was written under another key than the active one, or without a key id. */
  needsRotation(sealed: string): boolean {
    return !sealed.startsWith(this.currentPrefix);
  }

  decrypt(sealed: string): string {
    const { keyId, body } = this.split(sealed);
    const key = this.#ring.key(keyId);
    if (!key) {
      throw new Error(`身份证号密文使用的密钥（编号 ${keyId}）不在密钥环中 / IdCipher: no key ${keyId} in the key ring`);
    }
    // Buffer.from(…, 'base64url') silently skips invalid characters, so validate first.
    if (!BASE64URL.test(body)) {
      throw new Error('身份证号密文已损坏 / IdCipher: ciphertext is not valid base64url');
    }
    const packed = Buffer.from(body, 'base64url');
    if (packed.length < IV_BYTES + TAG_BYTES) {
      throw new Error('身份证号密文已损坏 / IdCipher: ciphertext is too short');
    }
    const iv = packed.subarray(0, IV_BYTES);
    const tag = packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const ciphertext = packed.subarray(IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('身份证号密文解密失败：密钥错误或数据被篡改 / IdCipher: authentication failed (wrong key or tampered data)');
    }
  }

  private split(sealed: string): { keyId: string; body: string } {
    if (typeof sealed === 'string' && sealed.startsWith(LEGACY_PREFIX))
      return { keyId: this.#ring.legacyKeyId, body: sealed.slice(LEGACY_PREFIX.length) };
    if (typeof sealed === 'string' && sealed.startsWith(KEYED_PREFIX)) {
      const dot = sealed.indexOf('.', KEYED_PREFIX.length);
      const keyId = dot < 0 ? '' : sealed.slice(KEYED_PREFIX.length, dot);
      if (KEY_ID.test(keyId)) return { keyId, body: sealed.slice(dot + 1) };
    }
    throw new Error('身份证号密文格式版本无法识别 / IdCipher: unknown ciphertext version (expected "v1." or "v2.<keyId>.")');
  }
}
