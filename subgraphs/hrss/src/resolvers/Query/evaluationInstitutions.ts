import { demand, programmeAccess } from '@hub/auth';
import { todayIso } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryEvaluationInstitutionsArgs } from '../../generated/resolvers';

/** Query.evaluationInstitutions: the published catalogue as it stood on a date. */
export async function evaluationInstitutions(_: unknown, args: QueryEvaluationInstitutionsArgs, ctx: HrssContext) {
  demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看评价机构目录');
  return ctx.programmes.catalogue.asOf(args.asOf ?? todayIso(), args.includeInactive ?? false);
}
