import { may } from './authorize';
import type { Principal } from './Principal';

const admin: Principal = { subject: 'a', role: 'COUNTY_ADMIN' };
const analyst: Principal = { subject: 'b', role: 'ANALYST' };
const dashboard: Principal = { subject: 'c', role: 'DASHBOARD' };
const service: Principal = { subject: 'd', role: 'SERVICE' };
const education: Principal = { subject: 'e', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const nowhere: Principal = { subject: 'f', role: 'DEPARTMENT_STAFF' };

describe('person rules', () => {
  test('department staff read a person only when their department holds records of them', () => {
    expect(may.readPerson(education, ['EDUCATION', 'VETERANS'])).toBe(true);
    expect(may.readPerson(education, ['VETERANS', 'CIVIL_AFFAIRS'])).toBe(false);
    expect(may.readPerson(education, [])).toBe(false);
    expect(may.readPerson(nowhere, ['EDUCATION'])).toBe(false);
  });

  test('the administrator and services read every person; analysts and dashboards none', () => {
    for (const who of [admin, service]) expect(may.readPerson(who, [])).toBe(true);
    for (const who of [analyst, dashboard]) expect(may.readPerson(who, ['EDUCATION', 'HRSS'])).toBe(false);
  });

  test('analysts and dashboards read no person-level or record-level data, in any department', () => {
    for (const who of [analyst, dashboard]) {
      expect(may.readPersonRecords(who)).toBe(false);
      for (const d of ['EDUCATION', 'HRSS', 'FINANCE', 'VETERANS', 'CIVIL_AFFAIRS', 'AGRICULTURE'] as const)
        expect(may.readPersonRecords(who, d)).toBe(false);
      expect(may.readAggregates(who)).toBe(true);
      expect(may.seeExactAggregates(who, 'EDUCATION')).toBe(false);
    }
    for (const who of [admin, service]) expect(may.readPersonRecords(who, 'VETERANS')).toBe(true);
  });

  test('staff are told of their own department only, never of the veterans or civil affairs', () => {
    expect(may.visibleDepartments(education, ['CIVIL_AFFAIRS', 'EDUCATION', 'VETERANS'])).toEqual(['EDUCATION']);
    expect(may.visibleDepartments(education, ['CIVIL_AFFAIRS', 'VETERANS'])).toEqual([]);
    expect(may.visibleDepartments(admin, ['CIVIL_AFFAIRS', 'VETERANS'])).toEqual(['CIVIL_AFFAIRS', 'VETERANS']);
  });

  test('only roles with a reveal right look persons up by ID number, and only the administrator sees birth dates', () => {
    expect([admin, education, analyst, dashboard, service].map((p) => may.lookUpByIdNumber(p))).toEqual([true, true, false, false, false]);
    expect([admin, education, analyst, dashboard, service].map((p) => may.readBirthDate(p))).toEqual([true, false, false, false, false]);
  });

  test('a staff people list is confined to the department; staff without one read no person records', () => {
    expect(may.peopleScope(education)).toBe('EDUCATION');
    expect(may.peopleScope(analyst)).toBeUndefined();
    expect(may.readPersonRecords(nowhere)).toBe(false);
    expect(may.readPersonRecords(education)).toBe(true);
    expect(may.readPersonRecords(education, 'VETERANS')).toBe(false);
  });
});
