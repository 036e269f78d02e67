import { actorOf } from './authorize';
import { financeAccess, programmeAccess } from './departmentAccess';
import type { Principal } from './Principal';

const admin: Principal = { subject: 'a', role: 'COUNTY_ADMIN' };
const analyst: Principal = { subject: 'b', role: 'ANALYST' };
const service: Principal = { subject: 'c', role: 'SERVICE' };
const employer: Principal = { subject: 'd', role: 'EMPLOYER' };
const hrss: Principal = { subject: 'e', role: 'DEPARTMENT_STAFF', department: 'HRSS' };
const finance: Principal = { subject: 'f', role: 'DEPARTMENT_STAFF', department: 'FINANCE' };

describe("the departments' programme rules", () => {
  test("each department's staff write only their own programmes; the administrator both; services and analysts neither", () => {
    expect([admin, hrss, finance, service, analyst].map(programmeAccess.write)).toEqual([true, true, false, false, false]);
    expect([admin, hrss, finance, service, analyst].map(financeAccess.writeSubsidies)).toEqual([true, false, true, false, false]);
  });

  test('person-level programme records are for the administrator, the own staff and services, never analysts', () => {
    expect([admin, hrss, finance, service, analyst].map(programmeAccess.readRecords)).toEqual([true, true, false, true, false]);
    expect([admin, hrss, finance, service, analyst].map(programmeAccess.readRegisters)).toEqual([true, true, false, true, false]);
    expect([admin, hrss, finance, service, analyst].map(financeAccess.readClaims)).toEqual([true, false, true, true, false]);
  });

  test('aggregates for everyone but employers', () => {
    for (const rule of [programmeAccess.readAggregates, financeAccess.readAggregates]) {
      expect([admin, hrss, analyst, service].every(rule)).toBe(true);
      expect(rule(employer)).toBe(false);
    }
  });

  test('the actor kept with a step is the principal without its department', () => {
    expect(actorOf(finance)).toEqual({ subject: 'f', role: 'DEPARTMENT_STAFF' });
  });
});
