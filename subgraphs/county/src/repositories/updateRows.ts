import type { EntityManager } from 'typeorm';

/**
 * Runs an UPDATE in the manager's transaction and answers how many rows it changed. TypeORM's `query()` answers
 * better-sqlite3's UPDATE with the last insert id, not the count; its structured result has the count on both drivers.
 */
export async function updateRows(manager: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('updateRows needs a transaction');
  const result = await runner.query(sql, parameters, true);
  return Number(result.affected ?? 0);
}
