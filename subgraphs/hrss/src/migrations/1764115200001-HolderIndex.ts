import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTables, dropTables } from '@hub/subgraph-kit';
import { planTargets } from '@hub/vocabulary';
import { indexTables } from '../entities/indexTables';

/** The county holder index, and the plan's targets seeded from plan-targets.json. */
export class HolderIndex1764115200001 implements MigrationInterface {
  name = 'HolderIndex1764115200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, indexTables);
    const plan = planTargets();
    for (const goal of plan.goals2025) {
      await queryRunner.manager.insert('PlanTarget', { key: goal.key, label: goal.label, target: String(goal.target), clause: goal.clause });
    }
    // The employed population is not published; the plan implies 300,000 / 0.80.
    const holders = plan.goals2025.find((g) => g.key === 'certificateHolders');
    const share = plan.goals2025.find((g) => g.key === 'holderShareOfEmployed');
    if (holders && share) {
      await queryRunner.manager.insert('CountyInput', {
        key: 'employedPopulation',
        value: String(Math.round(Number(holders.target) / Number(share.target))),
        note: '方案隐含值：持证人员总量目标 ÷ 持证人员占从业人员比例目标 (implied by the plan)',
        updatedAt: new Date().toISOString(),
      });
    }
  }

  down(queryRunner: QueryRunner): Promise<void> {
    return dropTables(queryRunner, indexTables);
  }
}
