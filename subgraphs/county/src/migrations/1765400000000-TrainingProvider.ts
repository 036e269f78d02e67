import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMissingColumns } from '@hub/subgraph-kit';
import { trainingFact } from '../entities/indexTables';

/**
 * The provider (培训机构) of each indexed training, as written and under institutionKey, which the training-institution
 * register's outputs read. Rows indexed before have none (NULL): the county service's provider backfill
 * (src/feeds/TrainingProviderBackfill.ts) fills them from the departments' feeds once they answer.
 */
export class TrainingProvider1765400000000 implements MigrationInterface {
  name = 'TrainingProvider1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addMissingColumns(queryRunner, trainingFact, ['provider', 'providerKey'], ['idx_training_fact_provider']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex(trainingFact.table, 'idx_training_fact_provider');
    await queryRunner.dropColumn(trainingFact.table, 'provider_key');
    await queryRunner.dropColumn(trainingFact.table, 'provider');
  }
}
