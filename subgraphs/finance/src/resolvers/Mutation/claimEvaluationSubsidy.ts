import { actorOf, demand, financeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { MutationClaimEvaluationSubsidyArgs } from '../../generated/resolvers';

/** Mutation.claimEvaluationSubsidy: pays an institution on the catalogue for one certificate, once per person, occupation and level. */
export function claimEvaluationSubsidy(_: unknown, args: MutationClaimEvaluationSubsidyArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.writeSubsidies(ctx.principal), ctx.principal, '发放评价补贴');
    return ctx.evaluationSubsidies.claim(args.input, actorOf(ctx.principal));
  }, ['input']);
}
