import type { SkillLevel } from '@hub/vocabulary';
import { DEFAULT_SEED } from './demoPeople';
import { demoEnterprises, demoEvaluationInstitutions } from './demoProgrammes';
import { demoRecordsOf } from './demoRecords';

/** 职业技能评价补贴 a demo evaluation claim, for an hrss demo certificate evaluated a fortnight before it was issued. */
export interface DemoEvaluationClaim {
  institutionCode: string;
  idNumber: string;
  occupation: string;
  level: SkillLevel;
  evaluatedOn: string;
}

/** 吸纳就业补助 / 职业介绍补贴 a demo hiring or referral claim for a certificate holder hired after the certificate. */
export interface DemoEmploymentClaim {
  idNumber: string;
  hiredOn: string;
  employedThrough: string;
  insuredMonths: number;
  /** Hiring: the employer's credit code on the demo enterprise register. */
  employerCode?: string;
  /** Referral: the placing agency. */
  agencyCode?: string;
  agencyName?: string;
  employerName: string;
  /** The refusal the rules give this claim (e.g. NOT_SME), or absent when it is paid. */
  refusedAs?: string;
}

export interface DemoSubsidyClaims {
  evaluation: DemoEvaluationClaim[];
  hiring: DemoEmploymentClaim[];
  referral: DemoEmploymentClaim[];
}

const agencies = [
  ['RL-ZCRL', '濮阳县众诚人力资源服务有限公司'],
  ['RL-XCJY', '濮阳县就业创业服务中心'],
] as const;

function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, last))).toISOString().slice(0, 10);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The demo county's subsidy claims (finance): a handful of each kind the plan names, for hrss demo certificates of
 * distinct persons, so that every claim is one the rules pay (an evaluation institution on the catalogue, a medium,
 * small or micro employer on the register, employment and insurance long enough, a certificate counting at hire),
 * plus two the rules refuse (a large employer: NOT_SME; a referral employed three months: EMPLOYMENT_TOO_SHORT).
 * Deterministic for the same persons and day; employment ends before `today`.
 */
export function demoSubsidyClaims(persons: number, today: string, seed = DEFAULT_SEED): DemoSubsidyClaims {
  const latestIssue = addDays(addMonths(today, -14), -30);
  const picked: { idNumber: string; occupation: string; level: SkillLevel; issuedOn: string }[] = [];
  for (let index = 0; index < persons && picked.length < 14; index++) {
    const records = demoRecordsOf('HRSS', index, seed);
    const certificate = records?.certificates.find(
      (c) =>
        (c.kind === 'SKILL_LEVEL' || c.kind === 'VOCATIONAL_QUALIFICATION') &&
        c.level !== null &&
        c.occupation !== null &&
        !c.revoked &&
        c.issuedOn >= '2022-02-01' &&
        c.issuedOn <= latestIssue,
    );
    if (certificate) {
      picked.push({
        idNumber: certificate.idNumber,
        occupation: certificate.occupation!,
        level: certificate.level!,
        issuedOn: certificate.issuedOn,
      });
    }
  }
  const small = demoEnterprises.filter((e) => e.sizeClass !== 'LARGE');
  const large = demoEnterprises.find((e) => e.sizeClass === 'LARGE')!;
  const catalogue = demoEvaluationInstitutions.filter((i) => i.admittedOn <= '2022-01-01');
  const employment = (p: (typeof picked)[number], months = 13) => {
    const hiredOn = addDays(p.issuedOn, 20);
    return { idNumber: p.idNumber, hiredOn, employedThrough: addMonths(hiredOn, months), insuredMonths: Math.min(12, months) };
  };
  return {
    evaluation: picked.slice(0, 5).map((p, i) => ({
      institutionCode: catalogue[i % catalogue.length].code,
      idNumber: p.idNumber,
      occupation: p.occupation,
      level: p.level,
      evaluatedOn: addDays(p.issuedOn, -14),
    })),
    hiring: [
      ...picked.slice(5, 9).map((p, i) => ({
        ...employment(p),
        employerCode: small[i % small.length].creditCode,
        employerName: small[i % small.length].name,
      })),
      ...picked
        .slice(9, 10)
        .map((p) => ({ ...employment(p), employerCode: large.creditCode, employerName: large.name, refusedAs: 'NOT_SME' })),
    ],
    referral: [
      ...picked.slice(10, 13).map((p, i) => ({
        ...employment(p, 8),
        agencyCode: agencies[i % agencies.length][0],
        agencyName: agencies[i % agencies.length][1],
        employerName: small[(i + 2) % small.length].name,
      })),
      ...picked.slice(13, 14).map((p) => ({
        ...employment(p, 3),
        agencyCode: agencies[0][0],
        agencyName: agencies[0][1],
        employerName: small[0].name,
        refusedAs: 'EMPLOYMENT_TOO_SHORT',
      })),
    ],
  };
}
