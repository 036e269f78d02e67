import { may, Principal } from '@hub/auth';

/**
 * Who may do what in hrss's programmes, built on the hub's rules in packages/auth (one rule in one place).
 * Person-level programme records are for the county administrator, 人社局 staff and services;
 * analysts and dashboards read aggregates only.
 */
export const programmeAccess = {
  /** Issue and move vouchers, run the catalogue, record competitions. */
  write: (p: Principal) => may.writeDepartment(p, 'HRSS'),
  /** Vouchers, contestants: person-level records of the programmes. */
  readRecords: (p: Principal) => may.readPersonRecords(p, 'HRSS'),
  /** A person's certificates in the county holder index, for another department's service (e.g. finance checking a claim). */
  lookUpHoldings: (p: Principal) => p.role === 'SERVICE' || p.role === 'COUNTY_ADMIN',
  /** The enterprise and training-institution registers (business facts, per-enterprise counts): as person records. */
  readRegisters: (p: Principal) => may.readPersonRecords(p, 'HRSS'),
  /** Figures, the published catalogue, the progress ledger. */
  readAggregates: (p: Principal) => may.readAggregates(p),
  /** The leadership office's monthly inputs (certified employment, new urban jobs). */
  setLedgerInputs: (p: Principal) => p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && p.department === 'HRSS'),
};

/** Who did a step: the signed principal's subject and role. */
export interface Actor {
  subject: string;
  role: string;
}

export const actorOf = (p: Principal): Actor => ({ subject: p.subject, role: p.role });
