import { col, TableSpec } from '@hub/subgraph-kit';

/** A person as one department last described them in its change feed. */
export const personSeen: TableSpec = {
  entity: 'PersonSeen',
  table: 'person_seen',
  columns: {
    personId: col.key('person_id', 32),
    department: { ...col.text('department', 16), primary: true },
    name: col.text('name', 64),
    /** The current mask (address code only), re-masked as the feed serves it. */
    idNumberMasked: col.text('id_number_masked', 18),
    sex: col.text('sex', 6),
    /** The birth year only: the county needs no more (个人信息保护法 第六条); what conflicts compare. */
    birthYear: col.int('birth_year', true),
    townshipCode: col.text('township_code', 9, true),
    updatedAt: col.time('updated_at'),
    seq: col.int('seq'),
  },
  indices: [{ name: 'idx_person_seen_department', columns: ['department'] }],
};

/**
 * The county's master record of each person, derived from person_seen (one copy per department, never
 * overwritten by another department): each field from hrss's copy, else from the most recently updated
 * copy that has it (see IndexWriter.refreshMasters). Disagreements are listed by dataQuality.
 */
export const personMaster: TableSpec = {
  entity: 'PersonMaster',
  table: 'person_master',
  columns: {
    personId: col.key('person_id', 32),
    name: col.text('name', 64),
    /** The current mask (address code only), re-masked as the feed serves it. */
    idNumberMasked: col.text('id_number_masked', 18),
    sex: col.text('sex', 6),
    /** The feeds carry the birth year only: the county needs no more (个人信息保护法 第六条). */
    birthYear: col.int('birth_year', true),
    townshipCode: col.text('township_code', 9, true),
    /** Comma-separated departments that know the person, e.g. HRSS,VETERANS. */
    departments: col.text('departments', 120),
  },
  indices: [{ name: 'idx_master_township', columns: ['townshipCode'] }],
};

/** One certificate of any department in the county holder index. */
export const holding: TableSpec = {
  entity: 'Holding',
  table: 'holding',
  columns: {
    department: { ...col.text('department', 16), primary: true },
    certificateId: { ...col.text('certificate_id', 32), primary: true },
    personId: col.text('person_id', 32),
    kind: col.text('kind', 32),
    talentCategory: col.text('talent_category', 32),
    skilled: col.int('skilled'),
    /** 1 (一级/高级技师) … 5 (五级/初级工); null for unlevelled kinds. */
    levelNumber: col.int('level_number', true),
    occupationCode: col.text('occupation_code', 10, true),
    issuedOn: col.date('issued_on'),
    validUntil: col.date('valid_until', true),
    /** VALID, REVOKED or CANCELLED: a withdrawn certificate with revoked_on NULL (date not known) counts on no date. */
    status: col.text('status', 16),
    /** First day a withdrawn certificate no longer counts; NULL when valid, or withdrawn without a known date. */
    revokedOn: col.date('revoked_on', true),
    /** The level within the kind's own ladder (SKILL_3, TITLE_INTERMEDIATE, UNKNOWN …); null for kinds without levels. */
    grade: col.text('grade', 32, true),
    /** 证书编号 as the department recorded it (null for rows synced before it was carried). */
    certificateNumber: col.text('certificate_number', 64, true),
    /** 发证机构, for 证书查询 (null for rows synced before it was carried). */
    issuingBody: col.text('issuing_body', 128, true),
    /** Feed position of the change this row reflects; older changes are ignored. */
    seq: col.int('seq'),
  },
  indices: [
    { name: 'idx_holding_person', columns: ['personId'] },
    { name: 'idx_holding_number', columns: ['certificateNumber'] },
  ],
};

/** One training of any department in the county index. */
export const trainingFact: TableSpec = {
  entity: 'TrainingFact',
  table: 'training_fact',
  columns: {
    department: { ...col.text('department', 16), primary: true },
    trainingId: { ...col.text('training_id', 32), primary: true },
    personId: col.text('person_id', 32),
    channel: col.text('channel', 16),
    targetGroup: col.text('target_group', 24),
    occupationCode: col.text('occupation_code', 10, true),
    startDate: col.date('start_date'),
    endDate: col.date('end_date', true),
    outcome: col.text('outcome', 12),
    /** 企业新型学徒制 (hrss's trainings; null where the department does not say). */
    apprenticeship: col.int('apprenticeship', true),
    /** 1 for a training its department recorded 订单式/定向式 (directedKind), 0 for one recorded as neither; marks set from the programme name before the field existed are kept. */
    directed: col.int('directed', true),
    /** 培训机构 as the department wrote it (null for rows indexed before it was carried, until the provider backfill). */
    provider: col.text('provider', 128, true),
    /** The provider under institutionKey, which the training-institution register's outputs match on. */
    providerKey: col.text('provider_key', 128, true),
    seq: col.int('seq'),
  },
  indices: [{ name: 'idx_training_fact_provider', columns: ['providerKey', 'startDate'] }],
};

/** Where hrss stands in each department's change feed, and how that went. */
export const feedCursor: TableSpec = {
  entity: 'FeedCursor',
  table: 'feed_cursor',
  columns: {
    department: col.key('department', 16),
    lastSeq: col.int('last_seq'),
    /** The department's newest seq when last asked. */
    latestSeq: col.int('latest_seq'),
    lastSyncedAt: col.time('last_synced_at', true),
    lastAttemptAt: col.time('last_attempt_at', true),
    lastError: col.text('last_error', 255, true),
  },
};

/** The plan's targets, seeded from plan-targets.json; editable data, never literals in code. */
export const planTarget: TableSpec = {
  entity: 'PlanTarget',
  table: 'plan_target',
  columns: {
    key: col.key('target_key', 64),
    label: col.text('label', 128),
    /** Stored as text so shares (0.8) and counts (300000) both survive exactly. */
    target: col.text('target', 32),
    clause: col.text('clause', 16),
  },
};

/** County-level inputs the plan needs but no department records, e.g. the employed population. */
export const countyInput: TableSpec = {
  entity: 'CountyInput',
  table: 'county_input',
  columns: {
    key: col.key('input_key', 64),
    value: col.text('value', 64),
    note: col.text('note', 255, true),
    updatedAt: col.time('updated_at'),
  },
};

/** Reveals of full ID numbers in any department, gathered from the change feeds for the county administrator. */
export const auditEntry: TableSpec = {
  entity: 'AuditEntry',
  table: 'audit_entry',
  columns: {
    department: { ...col.text('department', 16), primary: true },
    seq: { ...col.int('seq'), primary: true },
    at: col.time('at'),
    subject: col.text('subject', 128),
    role: col.text('role', 24),
    personId: col.text('person_id', 32),
    field: col.text('field', 32),
    purpose: col.text('purpose', 200),
    requestId: col.text('request_id', 64),
  },
  indices: [
    { name: 'idx_audit_at', columns: ['at'] },
    { name: 'idx_audit_person', columns: ['personId'] },
  ],
};

/** One spreadsheet import of a department, from its change feed: the last one per department is what dataQuality shows. */
export const importRun: TableSpec = {
  entity: 'ImportRun',
  table: 'import_run',
  columns: {
    department: { ...col.text('department', 16), primary: true },
    seq: { ...col.int('seq'), primary: true },
    at: col.time('at'),
    file: col.text('file', 255),
    kind: col.text('kind', 16),
    rows: col.int('rows_read'),
    rejected: col.int('rejected'),
    refusedTotal: col.int('refused_total'),
  },
  indices: [{ name: 'idx_import_run_at', columns: ['department', 'at'] }],
};

/** One refused cell of an import (row, column, value as read with ID numbers masked, reason). */
export const importRefusal: TableSpec = {
  entity: 'ImportRefusal',
  table: 'import_refusal',
  columns: {
    department: { ...col.text('department', 16), primary: true },
    seq: { ...col.int('seq'), primary: true },
    position: { ...col.int('position'), primary: true },
    row: col.int('refused_row'),
    column: col.text('column_label', 128),
    value: col.text('cell_value', 255),
    reason: col.text('reason', 500),
  },
};

export const indexTables = [
  personSeen,
  personMaster,
  holding,
  trainingFact,
  feedCursor,
  planTarget,
  countyInput,
  auditEntry,
  importRun,
  importRefusal,
];
