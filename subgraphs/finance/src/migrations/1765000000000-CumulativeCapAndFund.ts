import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { employerHiringTotal, employerYearTotal, fundBalance } from '../entities/subsidyTables';

/**
 * The plan's hiring-subsidy cap is cumulative per employer (累计最高不超过200万元), not per year: the
 * running totals per employer and year become one per employer, and the cap rule is renamed
 * CAP_PER_EMPLOYER. Payments are refused beyond a programme-year's allocation: fund_balance keeps
 * the running sums of fund_entry (an existing overdrawn year stays overdrawn and pays nothing more
 * until an allocation covers it).
 */
export class CumulativeCapAndFund1765000000000 implements MigrationInterface {
  name = 'CumulativeCapAndFund1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, [employerHiringTotal, fundBalance]);
    await queryRunner.query(
      `INSERT INTO employer_hiring_total (employer_code, total_fen, claims, updated_at)
       SELECT employer_code, SUM(total_fen), SUM(claims), MAX(updated_at) FROM employer_year_total GROUP BY employer_code`,
    );
    await queryRunner.query(
      `INSERT INTO fund_balance (programme, year, in_fen, out_fen, updated_at)
       SELECT programme, year,
         SUM(CASE WHEN direction = 'IN' THEN amount_fen ELSE 0 END),
         SUM(CASE WHEN direction = 'OUT' THEN amount_fen ELSE 0 END),
         MAX(at)
       FROM fund_entry GROUP BY programme, year`,
    );
    await queryRunner.query(
      `UPDATE subsidy_rule SET rule_key = 'CAP_PER_EMPLOYER', note = '累计最高不超过200万元 (per employer, cumulative over all years)'
       WHERE programme = 'HIRING' AND rule_key = 'CAP_PER_EMPLOYER_YEAR' AND created_by = 'migration:Subsidies1764201600000'`,
    );
    await queryRunner.query(
      `UPDATE subsidy_rule SET rule_key = 'CAP_PER_EMPLOYER' WHERE programme = 'HIRING' AND rule_key = 'CAP_PER_EMPLOYER_YEAR'`,
    );
    await dropTables(queryRunner, [employerYearTotal]);
  }

  /** Back to yearly totals, recounted from the claims themselves. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, [employerYearTotal]);
    await queryRunner.query(
      `INSERT INTO employer_year_total (employer_code, year, total_fen, claims, updated_at)
       SELECT c.claimant_code, c.year, SUM(c.amount_fen), COUNT(*), MAX(c.claimed_at) FROM employment_subsidy_claim c
       WHERE c.programme = 'HIRING' GROUP BY c.claimant_code, c.year`,
    );
    await queryRunner.query(
      `UPDATE subsidy_rule SET rule_key = 'CAP_PER_EMPLOYER_YEAR' WHERE programme = 'HIRING' AND rule_key = 'CAP_PER_EMPLOYER'`,
    );
    await dropTables(queryRunner, [employerHiringTotal, fundBalance]);
  }
}
