import { actorOf, demand, financeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { MutationClaimHiringSubsidyArgs } from '../../generated/resolvers';

/** Mutation.claimHiringSubsidy: pays a small or medium employer for one certified person, within its yearly cap. */
export function claimHiringSubsidy(_: unknown, args: MutationClaimHiringSubsidyArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.writeSubsidies(ctx.principal), ctx.principal, '发放吸纳就业补助');
    return ctx.employmentSubsidies.claimHiring(args.input, actorOf(ctx.principal));
  }, ['input']);
}
