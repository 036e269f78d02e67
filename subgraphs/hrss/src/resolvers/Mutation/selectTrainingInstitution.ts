import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationSelectTrainingInstitutionArgs } from '../../generated/resolvers';

/** Mutation.selectTrainingInstitution: records a year's selection of a social training institution. */
export function selectTrainingInstitution(_: unknown, args: MutationSelectTrainingInstitutionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '遴选社会培训机构');
    return ctx.programmes.trainingInstitutions.select(args, actorOf(ctx.principal));
  });
}
