import type { MigrationInterface, QueryRunner } from 'typeorm';
import { remaskIdNumberColumn } from './remaskIdNumberColumn';

/**
 * Every department's stored masks lose the sequence digits and the check character (410928********123X →
 * 410928************): with the birth date they gave the whole number away. Run by the kit in every
 * department; frozen once released.
 */
export class MaskIdNumberAddressOnly1764979200000 implements MigrationInterface {
  name = 'MaskIdNumberAddressOnly1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A department created later runs this before its own first migration: no table yet, and it will only ever hold current masks.
    if (!(await queryRunner.hasTable('person'))) return;
    await remaskIdNumberColumn(queryRunner, 'person');
  }

  /** The hidden characters cannot come back without decrypting every number; the narrower mask stays. */
  async down(): Promise<void> {}
}
