import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';

const VERSION_PREFIX = 'v1.';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** AES-256-GCM for raw ID numbers at rest: `v1.` + base64url(iv | tag | ciphertext). */
export class IdCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES) {
      throw new RangeError(`IdCipher: the encryption key must be exactly ${KEY_BYTES} bytes`);
    }
    // Copied so that a caller zeroing or reusing its buffer cannot change our key.
    this.#key = Buffer.from(key);
  }

  encrypt(plain: string): string {
    // A fresh random IV per call: GCM with a repeated IV under one key leaks plaintext and the auth key.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return VERSION_PREFIX + Buffer.concat([iv, tag, ciphertext]).toString('base64url');
  }

  decrypt(sealed: string): string {
    if (typeof sealed !== 'string' || !sealed.startsWith(VERSION_PREFIX)) {
      throw new Error('身份证号密文格式版本无法识别 / IdCipher: unknown ciphertext version (expected "v1.")');
    }
    const body = sealed.slice(VERSION_PREFIX.length);
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
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(
        '身份证号密文解密失败：密钥错误或数据被篡改 / IdCipher: authentication failed (wrong key or tampered data)',
      );
    }
  }
}
