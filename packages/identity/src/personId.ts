import { createHmac } from 'crypto';
import { isCanonicalIdNumber } from './isCanonicalIdNumber';

const MIN_KEY_BYTES = 32;
/** 128 bits: collisions stay negligible far beyond any county's population. */
const ID_BYTES = 16;

/**
 * The stable, non-reversible person id every subgraph computes offline from the same key.
 * Lower-case hex rather than base64 because MySQL's default collations ignore case.
 */
export function personId(personKey: Buffer, canonicalIdNumber: string): string {
  if (!Buffer.isBuffer(personKey) || personKey.length < MIN_KEY_BYTES) {
    throw new RangeError(`personId: the person key must be at least ${MIN_KEY_BYTES} bytes`);
  }
  // A non-canonical spelling would silently create a second person, so refuse it outright.
  if (!isCanonicalIdNumber(canonicalIdNumber)) {
    throw new TypeError('personId expects a canonical 18-character ID number; call normalizeIdNumber first');
  }
  return createHmac('sha256', personKey).update(canonicalIdNumber, 'utf8').digest().subarray(0, ID_BYTES).toString('hex');
}
