import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { indexTables } from '@hub/subgraph-county/src/entities/indexTables';
import { seedPlanInputs } from '@hub/subgraph-county/src/migrations/seedPlanInputs';

/** The county holder index, and the plan's targets seeded from plan-targets.json. */
export class HolderIndex1764115200001 implements MigrationInterface {
  name = 'HolderIndex1764115200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, indexTables);
    await seedPlanInputs(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropTables(queryRunner, indexTables);
  }
}
