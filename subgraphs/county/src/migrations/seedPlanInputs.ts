import type { QueryRunner } from 'typeorm';
import { insertRows } from '@hub/subgraph-kit';
import { planTargets } from '@hub/vocabulary';
import { countyInput, planTarget } from '../entities/indexTables';

/**
 * The plan's 2025 targets, and the employed population the plan implies (it is not published: 300,000 holders
 * ÷ the 80 % holder share), written by table name so that it runs in any migration, whatever entities are loaded.
 */
export async function seedPlanInputs(queryRunner: QueryRunner): Promise<void> {
  const plan = planTargets();
  await insertRows(
    queryRunner.manager,
    planTarget,
    plan.goals2025.map((goal) => ({ key: goal.key, label: goal.label, target: String(goal.target), clause: goal.clause })),
  );
  const holders = plan.goals2025.find((g) => g.key === 'certificateHolders');
  const share = plan.goals2025.find((g) => g.key === 'holderShareOfEmployed');
  if (!holders || !share) return;
  await insertRows(queryRunner.manager, countyInput, [
    {
      key: 'employedPopulation',
      value: String(Math.round(Number(holders.target) / Number(share.target))),
      note: '方案隐含值：持证人员总量目标 ÷ 持证人员占从业人员比例目标 (implied by the plan)',
      updatedAt: new Date().toISOString(),
    },
  ]);
}
