import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables, insertRows } from '@hub/subgraph-kit';
import { channelPlanKey, departmentFromSlug, planTargets, trainingChannels } from '@hub/vocabulary';
import { annualTarget } from '../entities/targetTables';

/** Who the seeded rows say set them: the plan itself. */
export const PLAN_SETTER = '实施方案 (plan data)';

/**
 * 年度目标 as data: the office's annual targets by department × channel and by township. Seeded with what the plan
 * gives, effective from the plan's first year: each channel's annual figures (二(一) clauses 1-3), and the same figures
 * under the lead department of a channel that has no partner departments (the plan makes that department answerable
 * for the whole channel). The plan splits no channel among partners and sets no township figure: the office enters those.
 */
export class AnnualTargets1765200000000 implements MigrationInterface {
  name = 'AnnualTargets1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, [annualTarget]);
    const plan = planTargets();
    const year = Number(plan.period.from.slice(0, 4));
    const setAt = new Date().toISOString();
    const rows: Record<string, unknown>[] = [];
    for (const channel of trainingChannels) {
      const planned = plan.annualChannels.find((c) => c.key === channelPlanKey[channel]);
      if (!planned) continue;
      const lead = planned.partners?.length ? null : (departmentFromSlug(planned.lead) ?? null);
      for (const department of lead ? [null, lead] : [null]) {
        for (const [measure, value] of [
          ['TRAINED', planned.trained],
          ['CERTIFIED', planned.certified],
          ['CERTIFIED_SENIOR_OR_ABOVE', planned.certifiedSeniorOrAbove],
        ] as const) {
          rows.push({
            effectiveYear: year,
            department,
            channel,
            township: null,
            measure,
            value,
            reason: `实施方案二(一)第${planned.clause}条 ${planned.label}`,
            setBy: PLAN_SETTER,
            setAt,
          });
        }
      }
    }
    await insertRows(queryRunner.manager, annualTarget, rows);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, [annualTarget]);
  }
}
