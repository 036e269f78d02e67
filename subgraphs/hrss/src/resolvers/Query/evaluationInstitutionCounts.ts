import { demand, programmeAccess } from '@hub/auth';
import type { HrssContext } from '../../HrssContext';

/** Query.evaluationInstitutionCounts: institutions on the catalogue per year against the milestones (16 in 2022, 50 in 2025). */
export async function evaluationInstitutionCounts(_: unknown, __: unknown, ctx: HrssContext) {
  demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看评价机构统计');
  return ctx.programmes.catalogue.yearCounts();
}
