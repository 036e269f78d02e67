import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { planTargets } from '@hub/vocabulary';
import { subsidyTables1764201600000 as subsidyTables } from '../entities/subsidyTables';
import { yuanToFen } from '../subsidies/subsidyRules';

/**
 * The subsidy ledger (plan 4 and 7): rules with effective dates seeded from plan-targets.json,
 * evaluation and employment claims, per-employer yearly totals and the append-only fund ledger.
 */
export class Subsidies1764201600000 implements MigrationInterface {
  name = 'Subsidies1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, subsidyTables);
    const plan = planTargets();
    const { evaluationPerCertificate: evaluation, employerHiring: hiring, agencyReferral: referral } = plan.subsidiesYuan;
    const base = {
      validFrom: plan.period.from,
      validTo: null,
      createdBy: 'migration:Subsidies1764201600000',
      createdAt: new Date().toISOString(),
    };
    const money = (programme: string, ruleKey: string, yuan: number, clause: string, note: string) => ({
      ...base,
      programme,
      ruleKey,
      amountFen: yuanToFen(yuan),
      months: null,
      clause,
      note,
    });
    const months = (programme: string, ruleKey: string, value: number, clause: string, note: string) => ({
      ...base,
      programme,
      ruleKey,
      amountFen: null,
      months: value,
      clause,
      note,
    });
    const rows = [
      ...Object.entries(evaluation.amounts).map(([level, yuan]) =>
        money('EVALUATION', level, yuan, evaluation.clause, `${evaluation.rule}; paid to ${evaluation.paidTo}`),
      ),
      money('HIRING', 'PER_PERSON', hiring.perPerson, hiring.clause, '每吸纳1人给予1000元一次性补助'),
      money('HIRING', 'CAP_PER_EMPLOYER_YEAR', hiring.capPerEmployer, hiring.clause, '累计最高不超过200万元 (per employer and year)'),
      // The plan states the conditions in words (plan-targets.json `conditions`): 稳定就业1年以上并缴纳职工社会保险费.
      months('HIRING', 'MIN_EMPLOYED_MONTHS', 12, hiring.clause, hiring.conditions.slice(0, 255)),
      months('HIRING', 'MIN_INSURED_MONTHS', 12, hiring.clause, '缴纳职工社会保险费 (months of employee social insurance)'),
      money('REFERRAL', 'PER_PERSON', referral.perPerson, referral.clause, '每成功介绍1人给予300元补贴'),
      // 实现稳定就业半年以上并依法缴纳职工社会保险费.
      months('REFERRAL', 'MIN_EMPLOYED_MONTHS', 6, referral.clause, referral.conditions.slice(0, 255)),
      months('REFERRAL', 'MIN_INSURED_MONTHS', 6, referral.clause, '缴纳职工社会保险费 (months of employee social insurance)'),
    ];
    for (const row of rows) await queryRunner.manager.insert('SubsidyRule', row);
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropTables(queryRunner, subsidyTables);
  }
}
