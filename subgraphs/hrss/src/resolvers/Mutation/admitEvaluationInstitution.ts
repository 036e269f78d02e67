import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationAdmitEvaluationInstitutionArgs } from '../../generated/resolvers';

/** Mutation.admitEvaluationInstitution: appends a ADMIT event to the catalogue. */
export function admitEvaluationInstitution(_: unknown, args: MutationAdmitEvaluationInstitutionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '纳入评价机构目录');
    return ctx.programmes.catalogue.change('ADMIT', args, actorOf(ctx.principal));
  });
}
