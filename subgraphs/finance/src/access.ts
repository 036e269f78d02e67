import { may, Principal } from '@hub/auth';

/**
 * Who may do what with subsidies, built on the hub's rules in packages/auth: the county
 * administrator and 财政局 staff pay and set rules; claims are person-level; everyone reads totals.
 */
export const financeAccess = {
  /** Record claims, allocations and rule changes. */
  writeSubsidies: (p: Principal) => may.writeDepartment(p, 'FINANCE'),
  /** Claims and fund entries name persons and payees. */
  readClaims: (p: Principal) => may.readPersonRecords(p, 'FINANCE'),
  /** Rules, fund totals and an employer's running total are aggregates. */
  readAggregates: (p: Principal) => may.readAggregates(p),
};

/** Who did it: recorded with every claim, rule and fund entry. */
export interface Actor {
  subject: string;
  role: string;
}

export const actorOf = (p: Principal): Actor => ({ subject: p.subject, role: p.role });
