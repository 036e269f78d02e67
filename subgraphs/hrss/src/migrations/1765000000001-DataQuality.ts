import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';
import { addMissingColumns, createTables, dropTables } from '@hub/subgraph-kit';
import { holding, importRefusal, importRun, personSeen } from '@hub/subgraph-county/src/entities/indexTables';

/**
 * What the data-quality lists need in the holder index: each department's birth year of a person, the
 * certificate number and status of each holding, and the imports with their refused rows. The feeds are
 * replayed from the start (cursors and row positions to 0) so that rows synced before carry the new
 * columns too: applying a feed is idempotent, so nothing is counted twice. An existing holding keeps its
 * revocation; its status is VALID or REVOKED by its revoked_on until the replay brings the department's.
 */
export class DataQuality1765000000001 implements MigrationInterface {
  name = 'DataQuality1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addMissingColumns(queryRunner, personSeen, ['birthYear'], ['idx_person_seen_department']);
    // A feed may carry the birth year alone: the birth date becomes optional in the copies and the master.
    for (const table of ['person_seen', 'person_master']) await birthDateOptional(queryRunner, table, true);
    await addMissingColumns(queryRunner, holding, ['certificateNumber', 'status'], ['idx_holding_number']);
    await createTables(queryRunner, [importRun, importRefusal]);
    await queryRunner.query(
      `UPDATE holding SET status = CASE WHEN revoked_on IS NULL THEN 'VALID' ELSE 'REVOKED' END WHERE status IS NULL`,
    );
    await queryRunner.query('UPDATE person_seen SET seq = 0');
    await queryRunner.query('UPDATE holding SET seq = 0');
    await queryRunner.query('UPDATE feed_cursor SET last_seq = 0');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, [importRun, importRefusal]);
    await queryRunner.dropIndex('holding', 'idx_holding_number');
    await queryRunner.dropColumn('holding', 'certificate_number');
    for (const table of ['person_seen', 'person_master']) await birthDateOptional(queryRunner, table, false);
    await queryRunner.dropIndex('person_seen', 'idx_person_seen_department');
    await queryRunner.dropColumn('person_seen', 'birth_year');
  }
}

async function birthDateOptional(queryRunner: QueryRunner, table: string, nullable: boolean): Promise<void> {
  const column = (await queryRunner.getTable(table))?.findColumnByName('birth_date');
  if (!column || column.isNullable === nullable) return;
  await queryRunner.changeColumn(table, column, new TableColumn({ name: 'birth_date', type: 'date', isNullable: nullable }));
}
