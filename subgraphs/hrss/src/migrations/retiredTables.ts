import { col, TableSpec } from '@hub/subgraph-kit';

// The tables hrss's migrations created before the county service took the holder index and the progress
// ledger over (subgraphs/county). Only those migrations use them; the shapes are frozen here.

/** 订单/定向培训 (retired: the county index marks directed trainings itself) directed trainings seen in a department's change feed (the index keeps no programme names). */
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

/**
 * Every table of the holder index and the progress ledger that hrss's database held before the county service
 * took them over, in an order that can be dropped. `npm run county:adopt-hrss-index` copies them into the county
 * service's database and drops them here.
 */
export const retiredHrssTables = [
  'person_seen',
  'person_master',
  'holding',
  'training_fact',
  'feed_cursor',
  'plan_target',
  'county_input',
  'audit_entry',
  'import_run',
  'import_refusal',
  'directed_training',
  'programme_feed_cursor',
  'ledger_input',
] as const;
