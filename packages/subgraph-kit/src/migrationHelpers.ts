import { QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { certificateKinds, gradeOfSkillLevel, kindInfo, skillLevels } from '@hub/vocabulary';
import { coreTableSpecs, STATUS_LENGTH } from './coreTables';
import { columnName, TableSpec, toTable } from './tableSpec';

/** Creates tables from their specs (the same specs the entities are built from). */
export async function createTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of specs) await queryRunner.createTable(toTable(spec), true);
}

export async function dropTables(queryRunner: QueryRunner, specs: TableSpec[]): Promise<void> {
  for (const spec of [...specs].reverse()) await queryRunner.dropTable(spec.table, true);
}

/** Properties of the certificate columns that migrateCertificateGrades adds, as the current table spec has them. */
const gradeColumns = ['grade', 'gradeWritten'] as const;

/**
 * Gives a department's certificate table the level within each kind's ladder: adds `grade` and `grade_written`
 * where they are missing (a database created after this change has them from its first migration), maps every
 * stored skill `level` to the skill ladder (LEVEL_3 → SKILL_3), marks the other kinds with a ladder UNKNOWN
 * (their level was never recorded), and widens `status` for CANCELLED on MySQL (SQLite does not enforce widths).
 */
export async function migrateCertificateGrades(queryRunner: QueryRunner): Promise<void> {
  const spec = coreTableSpecs().certificate;
  const table = await queryRunner.getTable(spec.table);
  if (!table) throw new Error(`migrateCertificateGrades: no ${spec.table} table`);
  for (const property of gradeColumns) {
    const column = spec.columns[property];
    if (!table.findColumnByName(column.name)) {
      await queryRunner.addColumn(
        spec.table,
        new TableColumn({ name: column.name, type: 'varchar', length: String(column.length), isNullable: true }),
      );
    }
  }
  if (queryRunner.connection.options.type === 'mysql' || queryRunner.connection.options.type === 'mariadb') {
    await queryRunner.query(`ALTER TABLE ${spec.table} MODIFY status VARCHAR(${STATUS_LENGTH}) NOT NULL`);
  }
  for (const level of skillLevels) {
    await queryRunner.query(`UPDATE ${spec.table} SET grade = ? WHERE grade IS NULL AND level = ?`, [gradeOfSkillLevel(level), level]);
  }
  const laddered = certificateKinds.filter((kind) => kindInfo[kind].ladder !== null);
  await queryRunner.query(
    `UPDATE ${spec.table} SET grade = 'UNKNOWN' WHERE grade IS NULL AND kind IN (${laddered.map(() => '?').join(', ')})`,
    laddered,
  );
}

/** Undoes migrateCertificateGrades' columns (the stored skill levels are untouched by it). */
export async function revertCertificateGrades(queryRunner: QueryRunner): Promise<void> {
  const spec = coreTableSpecs().certificate;
  for (const property of [...gradeColumns].reverse()) await queryRunner.dropColumn(spec.table, spec.columns[property].name);
}

/**
 * Adds the spec's given columns and indexes where the table lacks them. For migrations after one that
 * created its tables from the current specs: a database created after the spec changed has them already.
 */
export async function addMissingColumns(
  queryRunner: QueryRunner,
  spec: TableSpec,
  properties: string[],
  indexNames: string[] = [],
): Promise<void> {
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
    await queryRunner.createIndex(
      spec.table,
      new TableIndex({ name: index.name, columnNames: index.columnNames, isUnique: index.isUnique }),
    );
  }
}
