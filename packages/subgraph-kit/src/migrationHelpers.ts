import type { QueryRunner } from 'typeorm';
import { TableSpec, toTable } from './tableSpec';

/** Creates tables from their specs (the same specs the entities are built from). */
export async function createTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of specs) await queryRunner.createTable(toTable(spec), true);
}

export async function dropTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of [...specs].reverse()) await queryRunner.dropTable(spec.table, true);
}
