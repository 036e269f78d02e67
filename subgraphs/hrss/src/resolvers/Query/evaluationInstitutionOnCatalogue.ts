import { demand, programmeAccess } from '@hub/auth';
import type { HrssContext } from '../../HrssContext';
import type { QueryEvaluationInstitutionOnCatalogueArgs } from '../../generated/resolvers';

/** Query.evaluationInstitutionOnCatalogue: finance asks this before paying an evaluation subsidy. */
export async function evaluationInstitutionOnCatalogue(_: unknown, args: QueryEvaluationInstitutionOnCatalogueArgs, ctx: HrssContext) {
  demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查询评价机构目录');
  return ctx.programmes.catalogue.onCatalogue(args.code, args.date);
}
