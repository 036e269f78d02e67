import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { registerTables } from '../programmes/entities/registerTables';

/** 企业名录 and 社会培训机构名录: new tables only, so existing data is untouched. */
export class Registers1765300000001 implements MigrationInterface {
  name = 'Registers1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, registerTables);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, registerTables);
  }
}
