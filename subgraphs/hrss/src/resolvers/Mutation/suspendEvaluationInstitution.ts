import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationSuspendEvaluationInstitutionArgs } from '../../generated/resolvers';

/** Mutation.suspendEvaluationInstitution: appends a SUSPEND event to the catalogue. */
export function suspendEvaluationInstitution(_: unknown, args: MutationSuspendEvaluationInstitutionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '暂停评价机构');
    return ctx.programmes.catalogue.change('SUSPEND', args, actorOf(ctx.principal));
  });
}
