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
  /**
   * Person-level and record-level data (masked): people, a department's certificate and training lists and their
   * totalCount, Person's department fields, programme records (vouchers, contestants, claims), exports; department
   * staff only their own department's. Not for analysts and dashboards: they read aggregates only, under the
   * cell-key method (seeExactAggregates), because a record list filtered or paged down to one township × level
   * counts any cell exactly and so undoes that method (个人信息保护法 第六条, minimum necessary). Without a
   * department: may the caller read any person's records at all.
   */
  readPersonRecords: (p: Principal, department?: Department) =>
    p.role === 'COUNTY_ADMIN' ||
    p.role === 'SERVICE' ||
    (p.role === 'DEPARTMENT_STAFF' && !!p.department && (!department || p.department === department)),
  /** Record, correct or revoke a department's records. */
  writeDepartment: (p: Principal, department: Department) =>
    p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && p.department === department),
  /** The full ID number, with a stated purpose, audited. */
  revealIdNumber: (p: Principal, department: Department) =>
    p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && p.department === department),
  /**
   * A person of the county master (people, person, Person's master fields): department staff only the persons
   * their own department holds records for (`holders`: the departments that do). Not analysts and dashboards
   * (readPersonRecords).
   */
  readPerson: (p: Principal, holders: readonly string[]) =>
    p.role === 'COUNTY_ADMIN' ||
    p.role === 'SERVICE' ||
    (p.role === 'DEPARTMENT_STAFF' && !!p.department && holders.includes(p.department)),
  /** The department a staff member's people list is confined to; undefined: not confined. */
  peopleScope: (p: Principal): Department | undefined => (p.role === 'DEPARTMENT_STAFF' ? p.department : undefined),
  /**
   * Which of the departments holding a person a caller is told about: department staff only their own, so that
   * membership of the veterans' or civil affairs' records (低保, 残疾) never shows outside those departments.
   */
  visibleDepartments: <D extends string>(p: Principal, holders: readonly D[]): D[] =>
    p.role === 'DEPARTMENT_STAFF' ? holders.filter((d) => d === p.department) : [...holders],
  /**
   * Look a person up by full ID number. Each lookup tests a guess, so only roles with a reveal right may, and every
   * lookup is audited; staff find only persons their own department holds (readPerson).
   */
  lookUpByIdNumber: (p: Principal) => p.role === 'COUNTY_ADMIN' || p.role === 'DEPARTMENT_STAFF',
  /**
   * The full birth date: only the county administrator, who may reveal any number. Everyone else sees the birth
   * year (publicBirthYear), because the mask plus a full birth date leaves only 500 candidate numbers.
   */
  readBirthDate: (p: Principal) => p.role === 'COUNTY_ADMIN',
  /**
   * Aggregates: every role but employers, who come for one certificate and need no figures; analysts and dashboards
   * through the cell-key method (seeExactAggregates).
   */
  readAggregates: (p: Principal) => p.role !== 'EMPLOYER',
  /**
   * 证书查询: a certificate by its number and its holder's name, answering only whether it is valid and what it is.
   * Employers and the public dashboard session (rate-limited and audited by the county service), and the staff who
   * answer such questions; not analysts (no person-level answers) and not services.
   */
  verifyCertificate: (p: Principal) =>
    p.role === 'EMPLOYER' || p.role === 'DASHBOARD' || p.role === 'COUNTY_ADMIN' || p.role === 'DEPARTMENT_STAFF',
  readAuditLog: (p: Principal) => p.role === 'COUNTY_ADMIN',
  /** The data-quality lists: the county administrator all of them, department staff their own department's rows only. */
  readDataQuality: (p: Principal, department?: Department) =>
    p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && department !== undefined && p.department === department),
  /** The 调度 report workbook: the county administrator for the county or any department, department staff for their own department only. */
  readLedgerReport: (p: Principal, department?: Department) =>
    p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && department !== undefined && p.department === department),
  readChangeFeed: (p: Principal) => p.role === 'SERVICE' || p.role === 'COUNTY_ADMIN',
  runSync: (p: Principal) => p.role === 'SERVICE' || p.role === 'COUNTY_ADMIN',
  setCountyInputs: (p: Principal) => p.role === 'COUNTY_ADMIN',
  /** The leadership office's monthly ledger inputs (certified employment, new urban jobs): the county administrator and 人社局 staff. */
  setLedgerInputs: (p: Principal) => p.role === 'COUNTY_ADMIN' || (p.role === 'DEPARTMENT_STAFF' && p.department === 'HRSS'),
  /** A person's certificates in the county holder index, for a service checking a claim or a voucher (and the county administrator). */
  lookUpHoldings: (p: Principal) => p.role === 'SERVICE' || p.role === 'COUNTY_ADMIN',
  /**
   * Exact aggregate figures: the county administrator, the service, and department staff on their own department's
   * figures. Everyone else (analysts, dashboards, staff on the county or another department) gets the cell-key
   * method (DisclosureControl).
   */
  seeExactAggregates: (p: Principal, department?: Department) =>
    p.role === 'COUNTY_ADMIN' ||
    p.role === 'SERVICE' ||
    (p.role === 'DEPARTMENT_STAFF' && department !== undefined && p.department === department),
};

/** Who did a step, as kept with it: the signed principal's subject and role. */
export interface Actor {
  subject: string;
  role: string;
}

export const actorOf = (p: Principal): Actor => ({ subject: p.subject, role: p.role });

/** Throws FORBIDDEN with a message naming the role and what it may not do. */
export function demand(allowed: boolean, principal: Principal, action: string): void {
  if (!allowed) throw forbidden(`${who(principal)}无权${action} (${principal.role} may not ${action})`);
}
