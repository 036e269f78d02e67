import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationWithdrawTrainingInstitutionArgs } from '../../generated/resolvers';

/** Mutation.withdrawTrainingInstitution: withdraws a year's selection, with the reason. */
export function withdrawTrainingInstitution(_: unknown, args: MutationWithdrawTrainingInstitutionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '撤销培训机构入选');
    return ctx.programmes.trainingInstitutions.withdraw(args, actorOf(ctx.principal));
  });
}
