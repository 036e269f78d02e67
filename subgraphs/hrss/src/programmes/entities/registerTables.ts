import { col, TableSpec } from '@hub/subgraph-kit';

/** 企业名录 one enterprise, keyed by its 统一社会信用代码; its current facts (every change is in enterprise_event). */
export const enterprise: TableSpec = {
  entity: 'Enterprise',
  table: 'enterprise',
  columns: {
    creditCode: col.key('credit_code', 18),
    name: col.text('name', 128),
    /** LARGE 大型 / MEDIUM 中型 / SMALL 小型 / MICRO 微型 (国统字〔2017〕213号). */
    sizeClass: col.text('size_class', 8),
    /** 职工人数 as last declared; the denominator of 企业自主评价 coverage. */
    employees: col.int('employees', true),
    townshipCode: col.text('township_code', 9, true),
    /** Grows with every change, so two clerks cannot correct the same enterprise at once. */
    version: col.int('version'),
    createdAt: col.time('created_at'),
    updatedAt: col.time('updated_at'),
  },
  indices: [{ name: 'idx_enterprise_name', columns: ['name'] }],
};

/** Every registration and correction of an enterprise: the facts after it, who, when and why. */
export const enterpriseEvent: TableSpec = {
  entity: 'EnterpriseEvent',
  table: 'enterprise_event',
  columns: {
    id: col.id(),
    creditCode: col.text('credit_code', 18),
    action: col.text('action', 10),
    /** JSON of the enterprise's facts after the change. */
    snapshot: col.longText('snapshot'),
    reason: col.text('reason', 255),
    at: col.time('at'),
    actor: col.text('actor', 128),
    actorRole: col.text('actor_role', 24),
  },
  indices: [{ name: 'idx_enterprise_event_code', columns: ['creditCode'] }],
};

/** 社会培训机构 one social training institution ever selected (name as the departments write it in training.provider). */
export const trainingInstitution: TableSpec = {
  entity: 'TrainingInstitution',
  table: 'training_institution',
  columns: {
    code: col.key('code', 32),
    name: col.text('name', 128),
    creditCode: col.text('credit_code', 18, true),
    createdAt: col.time('created_at'),
  },
};

/** 年度遴选 an institution's selection (or its withdrawal) for one year, with who and why; the latest row per year rules. */
export const trainingInstitutionSelection: TableSpec = {
  entity: 'TrainingInstitutionSelection',
  table: 'training_institution_selection',
  columns: {
    id: col.id(),
    institutionCode: col.text('institution_code', 32),
    year: col.int('year'),
    /** SELECT 入选 or WITHDRAW 撤销入选. */
    action: col.text('action', 10),
    reason: col.text('reason', 255),
    at: col.time('at'),
    actor: col.text('actor', 128),
    actorRole: col.text('actor_role', 24),
  },
  indices: [{ name: 'idx_institution_selection_year', columns: ['year', 'institutionCode'] }],
};

/** The enterprise and training-institution registers (added after the programmes, by their own migration). */
export const registerTables = [enterprise, enterpriseEvent, trainingInstitution, trainingInstitutionSelection];
