import { Cipher, createCipheriv, createHash, createHmac } from 'node:crypto';

/**
 * 单元键扰动 The cell-key method (as in ABS TableBuilder): the one disclosure control of every aggregate
 * that analysts and dashboards see. docs/disclosure-control.md explains it, its parameters and its limits.
 *
 * - Every person has a fixed pseudo-random record key under a secret (recordKey), an integer in [0, 2^32).
 * - A cell's key is the sum of its records' keys mod 2^32 (the "sum mod 1" of the method, in integers, so
 *   it is exact and independent of the order records are met): a count of persons adds each person's key
 *   once, a count of records (certificates, trainings) adds the person's key once per record.
 * - The published value is looked up from (true count, cell key) in `perturbationTable`: bounded, never 1–4,
 *   and the same set of records always gives the same published value, so asking again averages nothing away.
 */

/** The published parameters of the method. */
export const cellKeyParameters = {
  /** Counts below this (1–4 persons or records) are never published: they come out as 0 or as the threshold. */
  threshold: 5,
  /** A count at or above the threshold moves by at most this much. */
  maxPerturbation: 3,
} as const;

export type CellKeyParameters = { threshold: number; maxPerturbation: number };

/** The parameters from HUB_MIN_CELL_SIZE (threshold, default 5) and HUB_CELL_KEY_MAX_PERTURBATION (default 3). */
export function cellKeyParametersFromEnv(env: NodeJS.ProcessEnv): CellKeyParameters {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > 100)
      throw new Error(`${name} must be a whole number from ${min} to 100, got "${raw}"`);
    return value;
  };
  return {
    threshold: read('HUB_MIN_CELL_SIZE', cellKeyParameters.threshold, 2),
    maxPerturbation: read('HUB_CELL_KEY_MAX_PERTURBATION', cellKeyParameters.maxPerturbation, 1),
  };
}

const KEY_SPACE = 2 ** 32;

/** The secret of the record keys, derived from the person key (so no new secret to distribute and rotate). */
export function cellKeySecret(personKey: Buffer): Buffer {
  return createHmac('sha256', personKey).update('puyang-skills-hub/disclosure/cell-key/v1', 'utf8').digest();
}

const PERSON_ID = /^[0-9a-f]{32}$/;
const ciphers = new WeakMap<Buffer, Cipher>();

/**
 * A person's record key: the first 32 bits of AES-128 under the secret of the person id's 128 bits (a keyed
 * pseudo-random permutation; an id of another shape is hashed to 128 bits first). Without the secret it cannot be
 * guessed. AES rather than HMAC because the model keys every person at each full read: about 3 times faster.
 */
export function recordKey(secret: Buffer, personId: string): number {
  let cipher = ciphers.get(secret);
  if (!cipher) {
    // ECB on single blocks: each update encrypts one block on its own, so one cipher serves every call.
    cipher = createCipheriv('aes-128-ecb', secret.subarray(0, 16), null).setAutoPadding(false);
    ciphers.set(secret, cipher);
  }
  const block = PERSON_ID.test(personId)
    ? Buffer.from(personId, 'hex')
    : createHash('sha256').update(personId, 'utf8').digest().subarray(0, 16);
  return cipher.update(block).readUInt32BE(0);
}

/** Adds keys mod 2^32: the cell key of the union of two disjoint cells. */
export function addKeys(a: number, b: number): number {
  return ((a + b) % KEY_SPACE) >>> 0;
}

/** The cell key of the records in `a` but not in `b` (b ⊆ a). */
export function subtractKeys(a: number, b: number): number {
  return ((a - b + KEY_SPACE) % KEY_SPACE) >>> 0;
}

/** The cell key of a set of records, each given by its person's record key (a person once per record). */
export function cellKeyOf(keys: Iterable<number>): number {
  let sum = 0;
  for (const k of keys) sum = (sum + k) % KEY_SPACE;
  return sum >>> 0;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`a count is a whole number ≥ 0, got ${n}`);
}

/**
 * 扰动表 The perturbation table: the published value of a true count `n` whose cell key is `cellKey`.
 * - 0 stays 0.
 * - 1 … threshold−1 publish as 0 or as the threshold; the threshold with probability n / threshold over
 *   cell keys, so the published value is unbiased.
 * - n ≥ threshold publishes n + e, e uniform over the keys in [−m, m] with m = min(maxPerturbation,
 *   n − threshold): unbiased, bounded by maxPerturbation, never below the threshold.
 */
export function perturbationTable(n: number, cellKey: number, params: CellKeyParameters = cellKeyParameters): number {
  checkCount(n);
  if (!Number.isInteger(cellKey) || cellKey < 0 || cellKey >= KEY_SPACE)
    throw new RangeError(`a cell key is an integer in [0, 2^32), got ${cellKey}`);
  const u = cellKey / KEY_SPACE;
  if (n === 0) return 0;
  if (n < params.threshold) return u < n / params.threshold ? params.threshold : 0;
  const m = Math.min(params.maxPerturbation, n - params.threshold);
  return n + Math.floor(u * (2 * m + 1)) - m;
}

/** A count of persons or records with its cell key. */
export interface KeyedCount {
  n: number;
  cellKey: number;
}

/**
 * A count of records (certificates, trainings) published under its persons' count: when the persons publish
 * as 0 (fewer than the threshold of them, or none), so do their records, whatever their number, and a count of
 * records is never published below the count of its persons.
 */
export function perturbRecords(records: KeyedCount, persons: KeyedCount, params: CellKeyParameters = cellKeyParameters): number {
  const publishedPersons = perturbationTable(persons.n, persons.cellKey, params);
  if (publishedPersons === 0) return 0;
  return Math.max(publishedPersons, perturbationTable(records.n, records.cellKey, params));
}

/**
 * What a published value says about the true count: the smallest and largest true counts the table can
 * publish as `published` (an attacker with the published table learns no more than this from one figure).
 */
export function feasibleCounts(published: number, params: CellKeyParameters = cellKeyParameters): { min: number; max: number } {
  checkCount(published);
  const { threshold: t, maxPerturbation: d } = params;
  if (published === 0) return { min: 0, max: t - 1 };
  if (published < t) return { min: Number.NaN, max: Number.NaN };
  if (published === t) return { min: 1, max: t + d };
  return { min: Math.max(published - d, Math.ceil((published + t) / 2)), max: published + d };
}

/** A cell key for a figure counted without its persons at hand (e.g. person-times summed in SQL): HMAC of what the cell is. */
export function definitionKey(secret: Buffer, definition: string): number {
  return createHmac('sha256', secret).update(`definition:${definition}`, 'utf8').digest().readUInt32BE(0);
}
