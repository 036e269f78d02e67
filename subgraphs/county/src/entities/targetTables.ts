import { col, TableSpec } from '@hub/subgraph-kit';

/**
 * 年度目标 annual targets the office sets, by department × channel (department null: the channel as a whole) or by
 * township. Rows are never updated: a change is a new row with who, when and why, and the latest row of a scope
 * whose effective year is on or before a year is that year's target (value null: withdrawn from that year on).
 */
export const annualTarget: TableSpec = {
  entity: 'AnnualTarget',
  table: 'annual_target',
  columns: {
    id: col.id(),
    effectiveYear: col.int('effective_year'),
    department: col.text('department', 16, true),
    channel: col.text('channel', 16, true),
    township: col.text('township', 12, true),
    measure: col.text('measure', 32),
    value: col.int('value', true),
    reason: col.text('reason', 255),
    setBy: col.text('set_by', 128),
    setAt: col.time('set_at'),
  },
  indices: [{ name: 'idx_annual_target_scope', columns: ['measure', 'channel', 'department', 'township'] }],
};

/** Tables added after the county service's first release, each by its own migration. */
export const targetTables = [annualTarget];
