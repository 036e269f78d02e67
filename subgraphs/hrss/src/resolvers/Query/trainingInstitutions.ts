import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryTrainingInstitutionsArgs } from '../../generated/resolvers';

/** Query.trainingInstitutions: the institutions selected for a year with what each delivered that year. */
export async function trainingInstitutions(_: unknown, args: QueryTrainingInstitutionsArgs, ctx: HrssContext) {
  demand(programmeAccess.readRegisters(ctx.principal), ctx.principal, '查看社会培训机构名录');
  return fieldErrors(() => ctx.programmes.trainingInstitutions.selectedWithOutputs(args.year));
}
