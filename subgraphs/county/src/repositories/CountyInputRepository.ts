import type { DataSource } from 'typeorm';
import type { Transactions } from '@hub/subgraph-kit';
import type { IndexGate } from './IndexGate';
import type { IndexSequence } from './IndexSequence';

export interface PlanTargetRow {
  label: string;
  target: number;
  clause: string;
}

/** The plan's targets and the county's own inputs (the employed population), which the figures are computed against. */
export class CountyInputRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly gate: IndexGate,
    private readonly sequence: IndexSequence,
  ) {}

  async targets(): Promise<Map<string, PlanTargetRow>> {
    const rows = await this.dataSource.getRepository<{ key: string; label: string; target: string; clause: string }>('PlanTarget').find();
    return new Map(rows.map((r) => [r.key, { label: r.label, target: Number(r.target), clause: r.clause }]));
  }

  async countyInput(key: string): Promise<{ value: string; note: string | null; updatedAt: string } | null> {
    return this.dataSource
      .getRepository<{ key: string; value: string; note: string | null; updatedAt: string }>('CountyInput')
      .findOneBy({ key });
  }

  async setCountyInput(key: string, value: string, note: string | null): Promise<void> {
    // A step of the index's sequence with no persons: the other replicas' figures change with it too.
    const seq = await this.transactions.run(async (manager) => {
      await manager.getRepository('CountyInput').save({ key, value, note, updatedAt: new Date().toISOString() });
      return this.sequence.nextForInput(manager);
    });
    this.sequence.madeHere(seq);
    this.gate.changed();
  }
}
