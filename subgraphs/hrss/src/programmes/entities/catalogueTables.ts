import { col, TableSpec } from '@hub/subgraph-kit';

/** 职业技能评价机构 one evaluation institution ever admitted to the county catalogue. */
export const evaluationInstitution: TableSpec = {
  entity: 'EvaluationInstitution',
  table: 'evaluation_institution',
  columns: {
    code: col.key('code', 32),
    name: col.text('name', 128),
    /** Grows with every event, so two clerks cannot append conflicting events at once. */
    version: col.int('version'),
    createdAt: col.time('created_at'),
  },
};

/** Append-only admissions, suspensions, reinstatements and exits, each with its effective date and reason. */
export const evaluationInstitutionEvent: TableSpec = {
  entity: 'EvaluationInstitutionEvent',
  table: 'evaluation_institution_event',
  columns: {
    id: col.id(),
    institutionCode: col.text('institution_code', 32),
    action: col.text('action', 10),
    statusAfter: col.text('status_after', 10),
    effectiveOn: col.date('effective_on'),
    reason: col.text('reason', 255),
    at: col.time('at'),
    actor: col.text('actor', 128),
    actorRole: col.text('actor_role', 24),
  },
  indices: [{ name: 'idx_institution_event_code', columns: ['institutionCode', 'effectiveOn'] }],
};

/** The view of each institution's latest event (its current state in the register). */
export const INSTITUTION_STATUS_VIEW = 'evaluation_institution_status';

export const catalogueTables = [evaluationInstitution, evaluationInstitutionEvent];
