import type { DataSource } from 'typeorm';

/**
 * Undoes the newest migrations until `name` has been undone too: a migration test starts from the schema just
 * before its migration, whatever migrations were added after it (a department's or the kit's).
 */
export async function undoMigrationsThrough(dataSource: DataSource, name: string): Promise<void> {
  const ran = async () => (await dataSource.query<{ name: string }[]>('SELECT name FROM migrations')).some((m) => m.name === name);
  if (!(await ran())) throw new Error(`${name} has not run`);
  while (await ran()) await dataSource.undoLastMigration();
}
