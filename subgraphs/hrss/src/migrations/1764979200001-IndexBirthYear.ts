import { TableColumn } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { remaskIdNumberColumn } from '@hub/subgraph-kit';

const TABLES = ['person_seen', 'person_master'];

/**
 * The holder index keeps what the feeds now carry: the birth year instead of the birth date, and the mask
 * without the sequence digits and check character. Databases created after this change never had
 * birth_date (the holder-index migration builds its tables from the current specs), so the column is
 * converted only where it exists; the masks are rewritten everywhere.
 */
export class IndexBirthYear1764979200001 implements MigrationInterface {
  name = 'IndexBirthYear1764979200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await remaskIdNumberColumn(queryRunner, table);
      const current = await queryRunner.getTable(table);
      if (!current?.findColumnByName('birth_date')) continue;
      if (!current.findColumnByName('birth_year'))
        await queryRunner.addColumn(table, new TableColumn({ name: 'birth_year', type: 'int', isNullable: true }));
      // YYYY-MM-DD on both databases (a DATE column on MySQL): its first four characters are the year.
      await queryRunner.query(`UPDATE ${table} SET birth_year = ${this.year(queryRunner)} WHERE birth_date IS NOT NULL`);
      await queryRunner.dropColumn(table, 'birth_date');
    }
  }

  /** The dates are gone; the year stays, and a re-sync of the feeds cannot bring the dates back either. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      const current = await queryRunner.getTable(table);
      if (current?.findColumnByName('birth_date')) continue;
      await queryRunner.addColumn(table, new TableColumn({ name: 'birth_date', type: 'date', isNullable: true }));
    }
  }

  private year(queryRunner: QueryRunner): string {
    const mysql = queryRunner.connection.options.type === 'mysql' || queryRunner.connection.options.type === 'mariadb';
    return mysql ? 'YEAR(birth_date)' : 'CAST(substr(birth_date, 1, 4) AS INTEGER)';
  }
}
