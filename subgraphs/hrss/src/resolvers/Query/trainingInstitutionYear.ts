import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryTrainingInstitutionYearArgs } from '../../generated/resolvers';

/** Query.trainingInstitutionYear: how many institutions were selected against the plan's figure, and what they delivered. */
export async function trainingInstitutionYear(_: unknown, args: QueryTrainingInstitutionYearArgs, ctx: HrssContext) {
  demand(programmeAccess.readRegisters(ctx.principal), ctx.principal, '查看社会培训机构年度遴选');
  return fieldErrors(() => ctx.programmes.trainingInstitutions.year(args.year));
}
