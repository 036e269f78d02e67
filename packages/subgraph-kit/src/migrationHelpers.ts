import { QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnName, TableSpec, toTable } from './tableSpec';

/** Creates tables from their specs (the same specs the entities are built from). */
export async function createTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of specs) await queryRunner.createTable(toTable(spec), true);
}

export async function dropTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of [...specs].reverse()) await queryRunner.dropTable(spec.table, true);
}

/**
 * Adds the spec's given columns and indexes where the table lacks them. For migrations after one that
 * created its tables from the current specs: a database created after the spec changed has them already.
 */
export async function addMissingColumns(queryRunner: QueryRunner, spec: TableSpec, properties: string[], indexNames: string[] = []): Promise<void> {
  const table = toTable(spec);
  const missing: TableColumn[] = [];
  for (const property of properties) {
    const name = columnName(spec, property);
    if (!(await queryRunner.hasColumn(spec.table, name))) missing.push(table.columns.find((c) => c.name === name)!);
  }
  if (missing.length) await queryRunner.addColumns(spec.table, missing);
  const existing = (await queryRunner.getTable(spec.table))?.indices ?? [];
  for (const indexName of indexNames) {
    if (existing.some((i) => i.name === indexName)) continue;
    const index = table.indices.find((i) => i.name === indexName);
    if (!index) throw new Error(`${spec.table} has no index ${indexName}`);
    await queryRunner.createIndex(spec.table, new TableIndex({ name: index.name, columnNames: index.columnNames, isUnique: index.isUnique }));
  }
}
