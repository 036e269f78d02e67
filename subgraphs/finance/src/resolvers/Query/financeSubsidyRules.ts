import { demand, financeAccess } from '@hub/auth';
import type { FinanceContext } from '../../FinanceContext';
import type { QueryFinanceSubsidyRulesArgs } from '../../generated/resolvers';

/** Query.financeSubsidyRules: amounts, caps and conditions with their effective dates. */
export async function financeSubsidyRules(_: unknown, args: QueryFinanceSubsidyRulesArgs, ctx: FinanceContext) {
  demand(financeAccess.readAggregates(ctx.principal), ctx.principal, '查看补贴标准');
  return ctx.ruleRepository.list({ programme: args.programme ?? undefined, asOf: args.asOf ?? undefined });
}
