import { GraphQLError } from 'graphql';
import type { Department } from '@hub/vocabulary';
import { departmentLabels } from '@hub/vocabulary';
import { Principal, roleLabels } from './Principal';

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(message = '未登录或令牌无效 (authentication required)'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

const who = (p: Principal) => (p.department ? `${departmentLabels[p.department]}${roleLabels[p.role]}` : roleLabels[p.role]);

/**
 * The hub's access rules in one place. Every resolver that reads persons, writes records or reveals
 * an ID number asks here; the names say the rule.
 */
export const may = {
  /** Person-level records (masked): not for dashboards; department staff only their own department's. */
  readPersonRecords: (p: Principal, department?: Department) =>
    p.role === 'COUNTY_ADMIN' || p.role === 'SERVICE' || p.role === 'ANALYST' || (p.role === 'DEPARTMENT_STAFF' && (!department || p.department === department)),
  /** Record, correct or revoke a department's records. */
  writeDepartment: (p: Principal, department: Department) => p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && p.department === department),
  /** The full ID number, with a stated purpose, audited. */
  revealIdNumber: (p: Principal, department: Department) => p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && p.department === department),
  readAggregates: (_p: Principal) => true,
  readAuditLog: (p: Principal) => p.role === 'COUNTY_ADMIN',
  /** The data-quality lists: the county administrator all of them, department staff their own department's rows only. */
  readDataQuality: (p: Principal, department?: Department) =>
    p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && department !== undefined && p.department === department),
  readChangeFeed: (p: Principal) => p.role === 'SERVICE' || p.role === 'COUNTY_ADMIN',
  runSync: (p: Principal) => p.role === 'SERVICE' || p.role === 'COUNTY_ADMIN',
  setCountyInputs: (p: Principal) => p.role === 'COUNTY_ADMIN',
  /** Analysts and dashboards get small cells of aggregates suppressed. */
  seeSmallCells: (p: Principal) => p.role === 'COUNTY_ADMIN' || p.role === 'DEPARTMENT_STAFF' || p.role === 'SERVICE',
};

/** Throws FORBIDDEN with a message naming the role and what it may not do. */
export function demand(allowed: boolean, principal: Principal, action: string): void {
  if (!allowed) throw forbidden(`${who(principal)}无权${action} (${principal.role} may not ${action})`);
}
