import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, coreTableSpecs, createTables, dropTables } from '@hub/subgraph-kit';

// Frozen copy of the tables as first released; later changes get migrations of their own.
const tables = Object.values(
  coreTableSpecs({
    training: {
      cooperative: col.text('cooperative', 128, true),
      farm: col.text('farm', 128, true),
      industry: col.text('industry', 32, true),
    },
    certificate: {},
  }),
);

export class Initial1764115200000 implements MigrationInterface {
  name = 'Initial1764115200000';

  up(queryRunner: QueryRunner): Promise<void> {
    return createTables(queryRunner, tables);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropTables(queryRunner, tables);
  }
}
