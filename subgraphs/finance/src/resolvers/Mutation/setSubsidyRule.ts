import { actorOf, demand, financeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { MutationSetSubsidyRuleArgs } from '../../generated/resolvers';

/** Mutation.setSubsidyRule: a new amount or condition from a date on. */
export function setSubsidyRule(_: unknown, args: MutationSetSubsidyRuleArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.writeSubsidies(ctx.principal), ctx.principal, '调整补贴标准');
    return ctx.rules.set(args.input, actorOf(ctx.principal));
  }, ['input']);
}
