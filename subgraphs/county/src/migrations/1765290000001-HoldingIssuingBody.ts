import type { MigrationInterface, QueryRunner } from 'typeorm';
import { addMissingColumns } from '@hub/subgraph-kit';
import { holding } from '../entities/indexTables';

/**
 * The issuing body of each indexed certificate, which 证书查询 (verifyCertificate) names. Rows indexed before have
 * none until their department's feed carries them again; the check then says the issuing body is not known.
 */
export class HoldingIssuingBody1765290000001 implements MigrationInterface {
  name = 'HoldingIssuingBody1765290000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await addMissingColumns(queryRunner, holding, ['issuingBody']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn(holding.table, 'issuing_body');
  }
}
