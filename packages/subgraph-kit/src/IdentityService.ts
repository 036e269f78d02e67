import { IdCipher, IdentityKeys, identityKeysFromEnv, maskIdNumber, personId } from '@hub/identity';

/** The identity contract for one process: person ids, sealing and masking of ID numbers. */
export class IdentityService {
  private readonly cipher: IdCipher;

  constructor(readonly keys: IdentityKeys) {
    this.cipher = new IdCipher(keys.encryptionKey);
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env, warn?: (message: string) => void): IdentityService {
    return new IdentityService(identityKeysFromEnv(env, warn));
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
