import type { MigrationInterface, QueryRunner } from 'typeorm';
import { retiredHrssTables } from './retiredTables';

/**
 * The holder index and the progress ledger now live in the county service's own database. Where hrss's copy holds
 * nothing of the county's (a new installation: no feed was ever read, no ledger input or employed population was
 * entered), its tables go now. Where it does, they stay until the operator has moved them with
 * `npm run county:adopt-hrss-index` (docs/county-service.md), which drops them after a verified copy: a migration
 * never throws away what an operator entered.
 */
export class CountyServiceTookIndex1765100000001 implements MigrationInterface {
  name = 'CountyServiceTookIndex1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (!(await holdsNothingOfTheCounty(queryRunner))) return;
    for (const table of retiredHrssTables) if (await queryRunner.hasTable(table)) await queryRunner.dropTable(table);
  }

  async down(): Promise<void> {
    // The tables are the county service's now; its own migration creates them there.
  }
}

/** No feed page was applied, no ledger input entered, and the employed population is still the plan's implied value. */
export async function holdsNothingOfTheCounty(queryRunner: QueryRunner): Promise<boolean> {
  const count = async (sql: string) => Number(((await queryRunner.query(sql)) as { n: number | string }[])[0]?.n ?? 0);
  if (!(await queryRunner.hasTable('feed_cursor'))) return true;
  if ((await count('SELECT COUNT(*) AS n FROM feed_cursor')) > 0) return false;
  if ((await queryRunner.hasTable('ledger_input')) && (await count('SELECT COUNT(*) AS n FROM ledger_input')) > 0) return false;
  return (await count(`SELECT COUNT(*) AS n FROM county_input WHERE note IS NULL OR note NOT LIKE '方案隐含值%'`)) === 0;
}
