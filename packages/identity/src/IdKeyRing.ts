/** Key ids are short and safe inside a ciphertext and a log line. */
export const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const KEY_BYTES = 32;

/**
 * The ID-number encryption keys of one process: the active key seals, every key opens what it sealed,
 * and ciphertexts written before keys had ids (`v1.`) open with the legacy key.
 */
export class IdKeyRing {
  readonly #keys: Map<string, Buffer>;

  constructor(
    readonly activeKeyId: string,
    keys: ReadonlyMap<string, Buffer> | Record<string, Buffer>,
    /** The key of ciphertexts without a key id. */
    readonly legacyKeyId: string = activeKeyId,
  ) {
    // `instanceof Map` narrows to Map<any, any>; the parameter's own type says what the map holds.
    const entries = keys instanceof Map ? [...(keys as ReadonlyMap<string, Buffer>).entries()] : Object.entries(keys);
    this.#keys = new Map();
    for (const [id, key] of entries) {
      if (!KEY_ID.test(id))
        throw new RangeError(`身份证号加密密钥编号“${id}”无效：只能用1到16位字母、数字、-、_ / key id must be 1-16 of [A-Za-z0-9_-]`);
      if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES)
        throw new RangeError(`IdKeyRing: key ${id} must be exactly ${KEY_BYTES} bytes`);
      // Copied so that a caller zeroing or reusing its buffer cannot change our key.
      this.#keys.set(id, Buffer.from(key));
    }
    for (const id of [activeKeyId, legacyKeyId]) {
      if (!this.#keys.has(id)) throw new RangeError(`身份证号加密密钥环中没有编号为“${id}”的密钥 / key ring has no key ${id}`);
    }
  }

  /** A ring of one key, which is both active and legacy. */
  static single(key: Buffer, id = '1'): IdKeyRing {
    return new IdKeyRing(id, { [id]: key }, id);
  }

  get activeKey(): Buffer {
    return this.#keys.get(this.activeKeyId)!;
  }

  key(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  get keyIds(): string[] {
    return [...this.#keys.keys()];
  }
}
