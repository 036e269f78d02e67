import { col, TableSpec } from '@hub/subgraph-kit';

/** 订单/定向培训 directed trainings seen in a department's change feed (the index keeps no programme names). */
export const directedTraining: TableSpec = {
  entity: 'DirectedTraining',
  table: 'directed_training',
  columns: {
    department: { ...col.text('department', 16), primary: true },
    trainingId: { ...col.text('training_id', 32), primary: true },
    personId: col.text('person_id', 32),
    programme: col.text('programme', 128),
    startDate: col.date('start_date'),
    outcome: col.text('outcome', 12),
    seq: col.int('seq'),
  },
  indices: [{ name: 'idx_directed_training_start', columns: ['startDate'] }],
};

/** Where the programme feed readers stand in each department's change feed (separate from the holder index's cursors). */
export const programmeFeedCursor: TableSpec = {
  entity: 'ProgrammeFeedCursor',
  table: 'programme_feed_cursor',
  columns: {
    department: col.key('department', 16),
    lastSeq: col.int('last_seq'),
    lastSyncedAt: col.time('last_synced_at', true),
    lastAttemptAt: col.time('last_attempt_at', true),
    lastError: col.text('last_error', 255, true),
  },
};

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

export const ledgerTables = [directedTraining, programmeFeedCursor, ledgerInput];
