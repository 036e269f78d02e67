import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationCorrectEnterpriseArgs } from '../../generated/resolvers';

/** Mutation.correctEnterprise: corrects an enterprise's facts, audited. */
export function correctEnterprise(_: unknown, args: MutationCorrectEnterpriseArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '更正企业');
    return ctx.programmes.enterprises.correct(args.input, args.reason, actorOf(ctx.principal));
  }, ['input']);
}
