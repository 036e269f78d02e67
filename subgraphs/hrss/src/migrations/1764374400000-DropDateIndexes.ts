import { TableIndex } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes on the holder index's dates that nothing needs since the county's figures are counted in memory. */
const DATE_INDEXES = [
  { table: 'holding', name: 'idx_holding_issued', column: 'issued_on' },
  { table: 'training_fact', name: 'idx_training_fact_start', column: 'start_date' },
];

/**
 * countyProgress and aggregate count over the index in memory (progress/CountyModel); the progress ledger
 * reads a year at a time, which SQLite scans faster than it walks these indexes. Every certificate and
 * training applied from the feeds paid for them: without them the index builds about a sixth faster.
 * Databases created after this change never had them (the holder-index migration builds its tables from
 * the current table specs), so each is dropped only where it exists.
 */
export class DropDateIndexes1764374400000 implements MigrationInterface {
  name = 'DropDateIndexes1764374400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of DATE_INDEXES) {
      const table = await queryRunner.getTable(index.table);
      if (table?.indices.some((i) => i.name === index.name)) await queryRunner.dropIndex(index.table, index.name);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of DATE_INDEXES) {
      await queryRunner.createIndex(index.table, new TableIndex({ name: index.name, columnNames: [index.column] }));
    }
  }
}
