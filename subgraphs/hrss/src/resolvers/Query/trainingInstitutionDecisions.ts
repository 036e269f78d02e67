import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryTrainingInstitutionDecisionsArgs } from '../../generated/resolvers';

/** Query.trainingInstitutionDecisions: the year's selections and withdrawals with who and why. */
export async function trainingInstitutionDecisions(_: unknown, args: QueryTrainingInstitutionDecisionsArgs, ctx: HrssContext) {
  demand(programmeAccess.readRegisters(ctx.principal), ctx.principal, '查看培训机构遴选记录');
  return fieldErrors(() => ctx.programmes.trainingInstitutions.decisions(args.year));
}
