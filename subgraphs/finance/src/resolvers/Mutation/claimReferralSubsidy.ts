import { actorOf, demand, financeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { MutationClaimReferralSubsidyArgs } from '../../generated/resolvers';

/** Mutation.claimReferralSubsidy: pays an HR service agency for one certified person placed. */
export function claimReferralSubsidy(_: unknown, args: MutationClaimReferralSubsidyArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.writeSubsidies(ctx.principal), ctx.principal, '发放职业介绍补贴');
    return ctx.employmentSubsidies.claimReferral(args.input, actorOf(ctx.principal));
  }, ['input']);
}
