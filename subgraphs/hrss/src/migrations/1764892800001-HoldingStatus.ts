import { TableColumn } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { certificateKinds, kindInfo, levelFromNumber, gradeOfSkillLevel } from '@hub/vocabulary';

/**
 * The holder index keeps each certificate's status and its level within its kind's ladder, so that a withdrawn
 * certificate without a known date (status ≠ VALID, revoked_on NULL) is told apart from a valid one. Until now only
 * revoked certificates with a date reached the index, as revoked_on; they become REVOKED. Databases created after
 * this change have the columns from the holder-index migration (built from the current table specs), so each column
 * is added only where it is missing.
 */
export class HoldingStatus1764892800001 implements MigrationInterface {
  name = 'HoldingStatus1764892800001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const table = await queryRunner.getTable('holding');
    if (!table?.findColumnByName('status')) {
      await queryRunner.addColumn(
        'holding',
        new TableColumn({ name: 'status', type: 'varchar', length: '16', isNullable: false, default: "'VALID'" }),
      );
      await queryRunner.query(`UPDATE holding SET status = 'REVOKED' WHERE revoked_on IS NOT NULL`);
    }
    if (!table?.findColumnByName('grade')) {
      await queryRunner.addColumn('holding', new TableColumn({ name: 'grade', type: 'varchar', length: '32', isNullable: true }));
      for (const n of [1, 2, 3, 4, 5]) {
        await queryRunner.query(`UPDATE holding SET grade = ? WHERE grade IS NULL AND level_number = ?`, [
          gradeOfSkillLevel(levelFromNumber(n)!),
          n,
        ]);
      }
      const laddered = certificateKinds.filter((kind) => kindInfo[kind].ladder !== null);
      await queryRunner.query(
        `UPDATE holding SET grade = 'UNKNOWN' WHERE grade IS NULL AND kind IN (${laddered.map(() => '?').join(', ')})`,
        laddered,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('holding', 'grade');
    await queryRunner.dropColumn('holding', 'status');
  }
}
