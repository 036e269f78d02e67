import type { DataSource } from 'typeorm';
import type { Transactions } from '@hub/subgraph-kit';
import type { Department, TrainingChannel } from '@hub/vocabulary';

/** 目标指标 what a target counts: the ledger's three (by department × channel) or holders (by township). */
export const targetMeasures = ['TRAINED', 'CERTIFIED', 'CERTIFIED_SENIOR_OR_ABOVE', 'HOLDERS'] as const;
export type TargetMeasure = (typeof targetMeasures)[number];

export const targetMeasureLabels: Record<TargetMeasure, string> = {
  TRAINED: '培训人次',
  CERTIFIED: '取证人数',
  CERTIFIED_SENIOR_OR_ABOVE: '其中高级工及以上',
  HOLDERS: '持证人员总量',
};

/** One row of annual_target: a target as set, never changed afterwards. */
export interface AnnualTargetRow {
  id: number;
  effectiveYear: number;
  department: Department | null;
  channel: TrainingChannel | null;
  /** Township code. */
  township: string | null;
  measure: TargetMeasure;
  /** null: the target is withdrawn from the effective year on. */
  value: number | null;
  reason: string;
  setBy: string;
  setAt: string;
}

/** All SQL of the annual targets: read every row (a few hundred at most), append one. */
export class AnnualTargetRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  async all(): Promise<AnnualTargetRow[]> {
    const rows = await this.dataSource.getRepository<AnnualTargetRow>('AnnualTarget').find({ order: { id: 'ASC' } });
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      effectiveYear: Number(r.effectiveYear),
      value: r.value === null ? null : Number(r.value),
    }));
  }

  async add(row: Omit<AnnualTargetRow, 'id'>): Promise<AnnualTargetRow> {
    return this.transactions.run(async (manager) => {
      const saved = (await manager.getRepository('AnnualTarget').save({ ...row })) as AnnualTargetRow;
      return { ...row, id: Number(saved.id) };
    });
  }
}
