import { TableIndex } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { indexTables } from '../entities/indexTables';
import { seedPlanInputs } from './seedPlanInputs';
import { ledgerTables } from '../entities/ledgerTables';

const TRAINING_FACT_PERSON_INDEX = 'idx_training_fact_person';

/**
 * The county service's database: the holder index, the feed cursors, the audit log, the plan's targets (seeded
 * from the plan) and the county's inputs (the employed population the plan implies), and the ledger's inputs.
 */
export class Initial1765100000000 implements MigrationInterface {
  name = 'Initial1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, [...indexTables, ...ledgerTables]);
    // The progress ledger attributes a certificate to the person's latest earlier training in the same department.
    await queryRunner.createIndex(
      'training_fact',
      new TableIndex({ name: TRAINING_FACT_PERSON_INDEX, columnNames: ['person_id', 'department', 'start_date'] }),
    );
    await seedPlanInputs(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('training_fact', TRAINING_FACT_PERSON_INDEX);
    await dropTables(queryRunner, [...indexTables, ...ledgerTables]);
  }
}
