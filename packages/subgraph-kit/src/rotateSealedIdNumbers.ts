import type { IdCipher } from '@hub/identity';
import type { CoreRepository } from './CoreRepository';

export interface RotationProgress {
  /** 1 for the first pass over the table; another pass follows only when writers raced us. */
  pass: number;
  /** Rows read so far in this pass, of `total` when the pass began. */
  scanned: number;
  total: number;
  /** Rows re-encrypted under the active key so far, all passes. */
  rotated: number;
  /** Rows another writer changed between our read and our update in this pass: left for the next one. */
  changedMeanwhile: number;
}

export interface RotationResult {
  rotated: number;
  passes: number;
  /** Rows still not under the active key when the run ended (0 unless writers kept racing us). */
  remaining: number;
}

const DEFAULT_BATCH = 500;
const MAX_PASSES = 5;

/**
 * Re-encrypts a department's sealed ID numbers under the cipher's active key, in batches, while the
 * department keeps running: each batch is one short transaction, and each row is updated only if its
 * ciphertext is still the one we read (a conditional update), so a concurrent write is never overwritten.
 * Rows skipped that way are picked up by another pass. Idempotent: a second run finds nothing to do.
 */
export async function rotateSealedIdNumbers(
  repo: CoreRepository,
  cipher: IdCipher,
  options: {
    batchSize?: number;
    onProgress?: (progress: RotationProgress) => void;
    /** Called between a batch's read and its conditional update: where a concurrent writer can interleave (tests use it). */
    beforeUpdate?: (personIds: string[]) => Promise<void>;
  } = {},
): Promise<RotationResult> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  const entity = repo.specs.person.entity;
  let rotated = 0;
  let passes = 0;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    passes = pass;
    const total = Number((await repo.dataSource.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM person'))[0].n);
    let after = '';
    let scanned = 0;
    let changedMeanwhile = 0;
    for (;;) {
      const rows: { person_id: string; id_number_sealed: string }[] = await repo.dataSource.query(
        'SELECT person_id, id_number_sealed FROM person WHERE person_id > ? ORDER BY person_id LIMIT ?',
        [after, batchSize],
      );
      if (!rows.length) break;
      after = rows[rows.length - 1].person_id;
      scanned += rows.length;
      // Decrypt and re-encrypt outside the transaction: it holds the write lock for the updates only.
      const due = rows
        .filter((r) => cipher.needsRotation(r.id_number_sealed))
        .map((r) => ({ ...r, next: cipher.encrypt(cipher.decrypt(r.id_number_sealed)) }));
      if (due.length) {
        await options.beforeUpdate?.(due.map((r) => r.person_id));
        await repo.transaction(async (manager) => {
          for (const row of due) {
            const result = await manager.update(
              entity,
              { personId: row.person_id, idNumberSealed: row.id_number_sealed },
              { idNumberSealed: row.next },
            );
            if (result.affected === 1) rotated++;
            else changedMeanwhile++;
          }
        });
      }
      options.onProgress?.({ pass, scanned, total, rotated, changedMeanwhile });
    }
    if (changedMeanwhile === 0) break;
  }
  return { rotated, passes, remaining: await countNotUnder(repo, cipher) };
}

/** Rows whose ciphertext is not under the active key. */
export async function countNotUnder(repo: CoreRepository, cipher: IdCipher): Promise<number> {
  // `_` is a LIKE wildcard and may be part of a key id: escaped, on SQLite and MySQL alike.
  const prefix = cipher.currentPrefix.replace(/[!_%]/g, '!$&');
  const rows: { n: number | string }[] = await repo.dataSource.query(
    "SELECT COUNT(*) AS n FROM person WHERE id_number_sealed NOT LIKE ? ESCAPE '!'",
    [`${prefix}%`],
  );
  return Number(rows[0].n);
}
