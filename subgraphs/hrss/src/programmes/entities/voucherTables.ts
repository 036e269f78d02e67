import { col, TableSpec } from '@hub/subgraph-kit';

/**
 * 职业技能电子培训券 one training voucher: real-name (bound to personId for life), one row whose
 * `state` moves along the loop and whose `version` grows with every change (optimistic locking).
 */
export const voucher: TableSpec = {
  entity: 'Voucher',
  table: 'voucher',
  columns: {
    id: col.id(),
    personId: col.text('person_id', 32),
    occupationCode: col.text('occupation_code', 10),
    /** 券面金额 in fen, paid to the training institution on redemption. */
    faceValueFen: col.int('face_value_fen'),
    issuedOn: col.date('issued_on'),
    state: col.text('state', 12),
    version: col.int('version'),
    /** person:occupation while the voucher is open, NULL once redeemed: one open voucher per person and occupation. */
    openKey: col.text('open_key', 48, true),
    trainingId: col.int('training_id', true),
    trainingProvider: col.text('training_provider', 128, true),
    trainingProgramme: col.text('training_programme', 128, true),
    trainingStartDate: col.date('training_start_date', true),
    trainedOn: col.date('trained_on', true),
    evaluationInstitutionCode: col.text('evaluation_institution_code', 32, true),
    evaluatedOn: col.date('evaluated_on', true),
    certificateDepartment: col.text('certificate_department', 16, true),
    certificateId: col.text('certificate_id', 32, true),
    certificateIssuedOn: col.date('certificate_issued_on', true),
    certifiedOn: col.date('certified_on', true),
    redeemedOn: col.date('redeemed_on', true),
    redeemedFen: col.int('redeemed_fen', true),
    createdAt: col.time('created_at'),
    updatedAt: col.time('updated_at'),
  },
  indices: [
    { name: 'uq_voucher_open', columns: ['openKey'], unique: true },
    { name: 'idx_voucher_person', columns: ['personId'] },
    { name: 'idx_voucher_issued', columns: ['issuedOn'] },
  ],
};

/** Append-only history of a voucher: one row per step, with who did it and the step's details. */
export const voucherEvent: TableSpec = {
  entity: 'VoucherEvent',
  table: 'voucher_event',
  columns: {
    id: col.id(),
    voucherId: col.int('voucher_id'),
    step: col.text('step', 24),
    fromState: col.text('from_state', 12, true),
    toState: col.text('to_state', 12),
    at: col.time('at'),
    actor: col.text('actor', 128),
    actorRole: col.text('actor_role', 24),
    /** JSON object with what the step checked and recorded. */
    details: col.longText('details'),
  },
  indices: [{ name: 'idx_voucher_event_voucher', columns: ['voucherId'] }],
};

export const voucherTables = [voucher, voucherEvent];
