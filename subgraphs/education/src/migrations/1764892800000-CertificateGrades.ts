import type { MigrationInterface, QueryRunner } from 'typeorm';
import { migrateCertificateGrades, revertCertificateGrades } from '@hub/subgraph-kit';

/** Each certificate's level within its kind's own ladder (grade, grade_written); status wide enough for CANCELLED. */
export class CertificateGrades1764892800000 implements MigrationInterface {
  name = 'CertificateGrades1764892800000';

  up(queryRunner: QueryRunner): Promise<void> {
    return migrateCertificateGrades(queryRunner);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return revertCertificateGrades(queryRunner);
  }
}
