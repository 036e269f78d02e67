import { may } from './authorize';
import type { Principal } from './Principal';

/**
 * hrss's programmes (vouchers, the evaluation catalogue, competitions, the registers), in the words of their resolvers
 * and built on `may`: person-level programme records are for the county administrator, 人社局 staff and services;
 * analysts and dashboards read aggregates only.
 */
export const programmeAccess = {
  /** Issue and move vouchers, run the catalogue, record competitions, keep the registers. */
  write: (p: Principal) => may.writeDepartment(p, 'HRSS'),
  /** Vouchers, contestants: person-level records of the programmes. */
  readRecords: (p: Principal) => may.readPersonRecords(p, 'HRSS'),
  /** The enterprise and training-institution registers (business facts, per-enterprise counts): as person records. */
  readRegisters: (p: Principal) => may.readPersonRecords(p, 'HRSS'),
  /** Figures, the published catalogue. */
  readAggregates: (p: Principal) => may.readAggregates(p),
};

/**
 * 财政局's subsidies, built on `may`: the county administrator and 财政局 staff pay and set rules; claims are
 * person-level; everyone who reads aggregates reads totals.
 */
export const financeAccess = {
  /** Record claims, allocations and rule changes. */
  writeSubsidies: (p: Principal) => may.writeDepartment(p, 'FINANCE'),
  /** Claims and fund entries name persons and payees. */
  readClaims: (p: Principal) => may.readPersonRecords(p, 'FINANCE'),
  /** Rules, fund totals and an employer's running total are aggregates. */
  readAggregates: (p: Principal) => may.readAggregates(p),
};
