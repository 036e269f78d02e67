import type { MigrationInterface, QueryRunner } from 'typeorm';
import { coreTableSpecs } from './coreTables';
import { migrateCertificateGrades, revertCertificateGrades } from './migrationHelpers';

/**
 * Each certificate's level within its kind's own ladder (grade, grade_written), and status wide enough for
 * CANCELLED. Run by the kit in every department; frozen once released.
 */
export class CertificateGrades1764892800000 implements MigrationInterface {
  name = 'CertificateGrades1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A department created later runs this before its own first migration: no table yet, and that migration builds it from the current spec.
    if (!(await queryRunner.hasTable(coreTableSpecs().certificate.table))) return;
    await migrateCertificateGrades(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return revertCertificateGrades(queryRunner);
  }
}
