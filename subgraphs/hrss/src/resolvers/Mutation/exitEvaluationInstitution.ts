import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationExitEvaluationInstitutionArgs } from '../../generated/resolvers';

/** Mutation.exitEvaluationInstitution: appends a EXIT event to the catalogue. */
export function exitEvaluationInstitution(_: unknown, args: MutationExitEvaluationInstitutionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '将评价机构退出目录');
    return ctx.programmes.catalogue.change('EXIT', args, actorOf(ctx.principal));
  });
}
