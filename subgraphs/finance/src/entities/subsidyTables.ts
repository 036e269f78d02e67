import { col, TableSpec } from '@hub/subgraph-kit';

/**
 * 补贴标准 amounts (fen), caps (fen) and conditions (months) of the subsidy programmes, each valid
 * from a date until the next one replaces it: data with effective dates, never literals in code.
 */
export const subsidyRule: TableSpec = {
  entity: 'SubsidyRule',
  table: 'subsidy_rule',
  columns: {
    id: col.id(),
    programme: col.text('programme', 16),
    ruleKey: col.text('rule_key', 32),
    amountFen: col.int('amount_fen', true),
    months: col.int('months', true),
    validFrom: col.date('valid_from'),
    /** Last day it applies; null while no later rule replaces it. */
    validTo: col.date('valid_to', true),
    clause: col.text('clause', 16),
    note: col.text('note', 255, true),
    createdBy: col.text('created_by', 128),
    createdAt: col.time('created_at'),
  },
  indices: [{ name: 'uq_subsidy_rule_start', columns: ['programme', 'ruleKey', 'validFrom'], unique: true }],
};

/** 职业技能评价补贴 one claim by an evaluation institution; the same person, occupation and level only once. */
export const evaluationSubsidyClaim: TableSpec = {
  entity: 'EvaluationSubsidyClaim',
  table: 'evaluation_subsidy_claim',
  columns: {
    id: col.id(),
    personId: col.text('person_id', 32),
    occupationCode: col.text('occupation_code', 10),
    /** SPECIAL_ABILITY (专项职业能力) or LEVEL_1 … LEVEL_5. */
    level: col.text('level', 16),
    institutionCode: col.text('institution_code', 32),
    evaluatedOn: col.date('evaluated_on'),
    amountFen: col.int('amount_fen'),
    certificateDepartment: col.text('certificate_department', 16),
    certificateId: col.text('certificate_id', 32),
    certificateIssuedOn: col.date('certificate_issued_on'),
    claimedBy: col.text('claimed_by', 128),
    claimedRole: col.text('claimed_role', 24),
    claimedAt: col.time('claimed_at'),
  },
  indices: [
    // 同一人员同一职业同一等级不得重复申领 (plan clause 4), enforced by the database under concurrency and re-imports.
    { name: 'uq_evaluation_claim_once', columns: ['personId', 'occupationCode', 'level'], unique: true },
    { name: 'idx_evaluation_claim_institution', columns: ['institutionCode'] },
  ],
};

/** 一次性吸纳就业补助 / 职业介绍补贴 one hiring (employer) or referral (agency) claim for one person. */
export const employmentSubsidyClaim: TableSpec = {
  entity: 'EmploymentSubsidyClaim',
  table: 'employment_subsidy_claim',
  columns: {
    id: col.id(),
    programme: col.text('programme', 16),
    /** The employer (HIRING) or the HR service agency (REFERRAL) that is paid. */
    claimantCode: col.text('claimant_code', 32),
    claimantName: col.text('claimant_name', 128),
    employerName: col.text('employer_name', 128),
    personId: col.text('person_id', 32),
    hiredOn: col.date('hired_on'),
    employedThrough: col.date('employed_through'),
    insuredMonths: col.int('insured_months'),
    year: col.int('year'),
    amountFen: col.int('amount_fen'),
    certificateDepartment: col.text('certificate_department', 16),
    certificateId: col.text('certificate_id', 32),
    claimedBy: col.text('claimed_by', 128),
    claimedRole: col.text('claimed_role', 24),
    claimedAt: col.time('claimed_at'),
  },
  indices: [
    { name: 'uq_employment_claim_once', columns: ['programme', 'claimantCode', 'personId'], unique: true },
    { name: 'idx_employment_claim_year', columns: ['programme', 'year'] },
  ],
};

/**
 * Hiring subsidies paid to one employer for one year. Replaced by employerHiringTotal (the plan's cap,
 * 累计最高不超过200万元, is cumulative) in CumulativeCapAndFund1765000000000; kept for the migration that created it.
 */
export const employerYearTotal: TableSpec = {
  entity: 'EmployerYearTotal',
  table: 'employer_year_total',
  columns: {
    employerCode: col.key('employer_code', 32),
    year: { ...col.int('year'), primary: true },
    totalFen: col.int('total_fen'),
    claims: col.int('claims'),
    updatedAt: col.time('updated_at'),
  },
};

/** Hiring subsidies paid to one employer over all years: the row every hiring claim updates conditionally, so the cumulative cap holds. */
export const employerHiringTotal: TableSpec = {
  entity: 'EmployerHiringTotal',
  table: 'employer_hiring_total',
  columns: {
    employerCode: col.key('employer_code', 32),
    totalFen: col.int('total_fen'),
    claims: col.int('claims'),
    updatedAt: col.time('updated_at'),
  },
};

/**
 * Money allocated to and paid from one programme's year: the row every payment updates conditionally, so
 * nothing is paid beyond the allocation (fund_entry stays the ledger; this is its running sum).
 */
export const fundBalance: TableSpec = {
  entity: 'FundBalance',
  table: 'fund_balance',
  columns: {
    programme: col.key('programme', 16),
    year: { ...col.int('year'), primary: true },
    inFen: col.int('in_fen'),
    outFen: col.int('out_fen'),
    updatedAt: col.time('updated_at'),
  },
};

/** 资金台账 append-only: every money movement of every programme, with who, why and when. */
export const fundEntry: TableSpec = {
  entity: 'FundEntry',
  table: 'fund_entry',
  columns: {
    id: col.id(),
    programme: col.text('programme', 16),
    year: col.int('year'),
    amountFen: col.int('amount_fen'),
    /** IN: funds allocated to the programme; OUT: a payment. */
    direction: col.text('direction', 3),
    payee: col.text('payee', 128, true),
    who: col.text('who', 128),
    role: col.text('role', 24),
    why: col.text('why', 255),
    /** What the entry pays for, e.g. evaluation_claim:12. */
    reference: col.text('reference', 64, true),
    at: col.time('at'),
  },
  indices: [{ name: 'idx_fund_entry_programme_year', columns: ['programme', 'year'] }],
};

/** The tables as Subsidies1764201600000 created them (it builds them from these specs). */
export const subsidyTables1764201600000 = [subsidyRule, evaluationSubsidyClaim, employmentSubsidyClaim, employerYearTotal, fundEntry];

/** The tables finance has now. */
export const subsidyTables = [subsidyRule, evaluationSubsidyClaim, employmentSubsidyClaim, employerHiringTotal, fundBalance, fundEntry];
