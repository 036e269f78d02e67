import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { sequenceTables } from '../entities/sequenceTables';

/**
 * The feed lease and the index's change sequence (county service replicas, docs/replicas.md). An existing index
 * starts at seq 0 with nobody holding the lease: the first replica to start takes it, and every replica reads
 * the index whole at start anyway.
 */
export class IndexSequence1765300000000 implements MigrationInterface {
  name = 'IndexSequence1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, sequenceTables);
    await queryRunner.query(`INSERT INTO index_lease (name, holder, beat, seq, pruned_through) VALUES ('feeds', '', 0, 0, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, sequenceTables);
  }
}
