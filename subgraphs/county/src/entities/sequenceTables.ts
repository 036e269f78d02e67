import { col, TableSpec } from '@hub/subgraph-kit';

/**
 * Who pulls the feeds (the leader among the county service's replicas) and the index's change sequence.
 * One row, `name = 'feeds'`. The leader bumps `beat` to show it is alive; a replica that sees the same
 * (holder, beat) for the lease's length takes the row over. `seq` moves in the same transaction as every
 * applied page and every county input, so followers know what changed.
 */
export const indexLease: TableSpec = {
  entity: 'IndexLease',
  table: 'index_lease',
  columns: {
    name: col.key('name', 16),
    /** The replica that holds the lease; '' when nobody does. */
    holder: col.text('holder', 96),
    beat: col.int('beat'),
    seq: col.int('seq'),
    /** index_change keeps no rows at or below this seq: a follower that is further behind reads the index whole. */
    prunedThrough: col.int('pruned_through'),
  },
};

/** The persons each step of the index's change sequence touched (rows of a page: certificates, trainings, descriptions). */
export const indexChange: TableSpec = {
  entity: 'IndexChange',
  table: 'index_change',
  columns: {
    seq: { name: 'seq', type: 'int', primary: true },
    personId: col.key('person_id', 32),
  },
};

export const sequenceTables = [indexLease, indexChange];
