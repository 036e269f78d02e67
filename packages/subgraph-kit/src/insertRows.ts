import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { TableSpec } from './tableSpec';

/** Parameters per statement: well under SQLite's and MySQL's limits. */
const MAX_PARAMETERS = 8000;

/**
 * Multi-row INSERTs written directly from the table spec. Bulk writes (imports, the holder index)
 * spend most of their time in TypeORM's query builder otherwise.
 */
export async function insertRows(manager: EntityManager, spec: TableSpec, rows: ObjectLiteral[]): Promise<void> {
  if (!rows.length) return;
  const escape = (name: string) => manager.connection.driver.escape(name);
  const properties = Object.keys(spec.columns).filter((p) => !spec.columns[p].increment);
  const head = `INSERT INTO ${escape(spec.table)} (${properties.map((p) => escape(spec.columns[p].name)).join(', ')}) VALUES `;
  const tuple = `(${properties.map(() => '?').join(', ')})`;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / properties.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    const parameters: unknown[] = [];
    for (const row of part) for (const p of properties) parameters.push(row[p] ?? null);
    await manager.query(head + part.map(() => tuple).join(', '), parameters);
  }
}
