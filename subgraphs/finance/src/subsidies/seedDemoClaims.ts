import type { DataSource } from 'typeorm';
import type { DemoEmploymentClaim, DemoSubsidyClaims } from '@hub/demo-data';
import type { Actor } from '@hub/auth';
import type { EmploymentSubsidyService } from './EmploymentSubsidyService';
import type { EvaluationSubsidyService } from './EvaluationSubsidyService';

/** Who the demo claims are claimed by, as the demo fund allocations are allocated by. */
export const DEMO_ACTOR: Actor = { subject: 'demo-data', role: 'COUNTY_ADMIN' };

/**
 * Answers that mean "not yet": hrss or the county service not up, or the county index has not synced hrss's demo
 * certificates, catalogue or register yet. The step tries again later.
 */
const NOT_YET = new Set([
  'DEPARTMENT_UNAVAILABLE',
  'NO_CERTIFICATE',
  'NO_CERTIFICATE_AT_HIRE',
  'NOT_ON_CATALOGUE',
  'ENTERPRISE_NOT_REGISTERED',
]);

export interface DemoClaimsOutcome {
  /** Claims paid by this run. */
  paid: number;
  /** Claims found paid already (DUPLICATE_CLAIM): an earlier run's. */
  already: number;
  /** Claims refused as the plan's rules say (their codes). */
  refused: string[];
  /** The "not yet" answer that stopped this run (try again later), or null when the run went through. */
  waiting: string | null;
  /** Nothing done: not the demo county, or its claims are in already. */
  skipped: boolean;
}

function codeOf(error: unknown): string | null {
  const e = error as { code?: unknown; extensions?: { code?: unknown } };
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.extensions?.code === 'string' ? e.extensions.code : null;
}

/**
 * 演示补贴申领 the demo county's subsidy claims, through finance's own services (the same checks against hrss's
 * catalogue and register and the county holder index as any claim). Runs only where finance holds the demo fund
 * allocations, and does nothing once the demo claims are in: every claim is one the UNIQUE constraints make
 * idempotent, so a run cut short is finished by the next (DUPLICATE_CLAIM counts as done).
 */
export async function seedDemoClaims(
  parts: { dataSource: DataSource; evaluationSubsidies: EvaluationSubsidyService; employmentSubsidies: EmploymentSubsidyService },
  plan: DemoSubsidyClaims,
): Promise<DemoClaimsOutcome> {
  const outcome: DemoClaimsOutcome = { paid: 0, already: 0, refused: [], waiting: null, skipped: false };
  const count = async (sql: string) =>
    Number((await parts.dataSource.query<{ n: number | string }[]>(sql, [DEMO_ACTOR.subject]))[0]?.n ?? 0);
  const demoCounty = await count('SELECT COUNT(*) AS n FROM fund_entry WHERE who = ?');
  const toPay = [...plan.evaluation, ...plan.hiring.filter((c) => !c.refusedAs), ...plan.referral.filter((c) => !c.refusedAs)].length;
  const paidBefore =
    (await count('SELECT COUNT(*) AS n FROM evaluation_subsidy_claim WHERE claimed_by = ?')) +
    (await count('SELECT COUNT(*) AS n FROM employment_subsidy_claim WHERE claimed_by = ?'));
  if (!demoCounty || paidBefore >= toPay) return { ...outcome, skipped: true };

  const attempt = async (work: () => Promise<unknown>, refusedAs?: string): Promise<boolean> => {
    try {
      await work();
      outcome.paid += 1;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'DUPLICATE_CLAIM') outcome.already += 1;
      else if (refusedAs && code === refusedAs) outcome.refused.push(code);
      else if (code && NOT_YET.has(code)) {
        outcome.waiting = code;
        return false;
      } else throw error;
    }
    return true;
  };
  for (const claim of plan.evaluation) {
    if (!(await attempt(() => parts.evaluationSubsidies.claim(claim, DEMO_ACTOR)))) return outcome;
  }
  const employment = (c: DemoEmploymentClaim) => ({
    idNumber: c.idNumber,
    hiredOn: c.hiredOn,
    employedThrough: c.employedThrough,
    insuredMonths: c.insuredMonths,
  });
  for (const claim of plan.hiring) {
    const work = () =>
      parts.employmentSubsidies.claimHiring(
        { ...employment(claim), employerCode: claim.employerCode!, employerName: claim.employerName },
        DEMO_ACTOR,
      );
    if (!(await attempt(work, claim.refusedAs))) return outcome;
  }
  for (const claim of plan.referral) {
    const work = () =>
      parts.employmentSubsidies.claimReferral(
        { ...employment(claim), agencyCode: claim.agencyCode!, agencyName: claim.agencyName!, employerName: claim.employerName },
        DEMO_ACTOR,
      );
    if (!(await attempt(work, claim.refusedAs))) return outcome;
  }
  return outcome;
}
