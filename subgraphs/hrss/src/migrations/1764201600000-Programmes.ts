import { TableIndex } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { INSTITUTION_STATUS_VIEW } from '../programmes/entities/catalogueTables';
import { ledgerTables } from '@hub/subgraph-county/src/entities/ledgerTables';
import { programmeTables } from '../programmes/entities/programmeTables';
import { directedTraining, programmeFeedCursor } from './retiredTables';

const TRAINING_FACT_PERSON_INDEX = 'idx_training_fact_person';

/**
 * hrss's programmes (plan 4, 7, 8, 12-16, 三(二)): training vouchers, the evaluation-institution
 * catalogue, competitions and the progress ledger's own tables.
 */
export class Programmes1764201600000 implements MigrationInterface {
  name = 'Programmes1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, [...programmeTables, directedTraining, programmeFeedCursor, ...ledgerTables]);
    // The current state of each institution is its latest event (events are appended in date order).
    await queryRunner.query(
      `CREATE VIEW ${INSTITUTION_STATUS_VIEW} AS
       SELECT i.code AS code, i.name AS name, e.status_after AS status, e.effective_on AS status_since, e.action AS last_action
       FROM evaluation_institution i
       JOIN evaluation_institution_event e ON e.institution_code = i.code
       WHERE e.id = (SELECT MAX(e2.id) FROM evaluation_institution_event e2 WHERE e2.institution_code = i.code)`,
    );
    // The progress ledger attributes a certificate to the person's latest earlier training in the same department.
    await queryRunner.createIndex(
      'training_fact',
      new TableIndex({ name: TRAINING_FACT_PERSON_INDEX, columnNames: ['person_id', 'department', 'start_date'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('training_fact', TRAINING_FACT_PERSON_INDEX);
    await queryRunner.query(`DROP VIEW ${INSTITUTION_STATUS_VIEW}`);
    await dropTables(queryRunner, [...programmeTables, directedTraining, programmeFeedCursor, ...ledgerTables]);
  }
}
