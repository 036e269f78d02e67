import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationReinstateEvaluationInstitutionArgs } from '../../generated/resolvers';

/** Mutation.reinstateEvaluationInstitution: appends a REINSTATE event to the catalogue. */
export function reinstateEvaluationInstitution(_: unknown, args: MutationReinstateEvaluationInstitutionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '恢复评价机构');
    return ctx.programmes.catalogue.change('REINSTATE', args, actorOf(ctx.principal));
  });
}
