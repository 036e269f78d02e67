import { col, TableSpec } from '@hub/subgraph-kit';

/** 台账录入 monthly figures the leadership office enters (certified employment, new urban jobs), like county_input. */
export const ledgerInput: TableSpec = {
  entity: 'LedgerInput',
  table: 'ledger_input',
  columns: {
    key: col.key('input_key', 32),
    year: { ...col.int('year'), primary: true },
    month: { ...col.int('month'), primary: true },
    value: col.int('value'),
    note: col.text('note', 255, true),
    updatedBy: col.text('updated_by', 128),
    updatedAt: col.time('updated_at'),
  },
};

export const ledgerTables = [ledgerInput];
