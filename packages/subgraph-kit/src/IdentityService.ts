import { IdCipher, IdentityKeys, IdKeyRing, idKeyRingFromEnv, identityKeysFromEnv, maskIdNumber, personId } from '@hub/identity';

/** The identity contract for one process: person ids, sealing and masking of ID numbers. */
export class IdentityService {
  readonly cipher: IdCipher;

  /** Without a ring the encryption key is the ring's only key (id 1), which also reads unkeyed `v1.` ciphertexts. */
  constructor(
    readonly keys: IdentityKeys,
    ring: IdKeyRing = IdKeyRing.single(keys.encryptionKey),
  ) {
    this.cipher = new IdCipher(ring);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env, warn?: (message: string) => void): IdentityService {
    const keys = identityKeysFromEnv(env, warn);
    return new IdentityService(keys, idKeyRingFromEnv(env, keys.encryptionKey));
  }

  personIdOf(canonicalIdNumber: string): string {
    return personId(this.keys.personKey, canonicalIdNumber);
  }

  seal(canonicalIdNumber: string): string {
    return this.cipher.encrypt(canonicalIdNumber);
  }

  open(sealed: string): string {
    return this.cipher.decrypt(sealed);
  }

  mask(canonicalIdNumber: string): string {
    return maskIdNumber(canonicalIdNumber);
  }
}
