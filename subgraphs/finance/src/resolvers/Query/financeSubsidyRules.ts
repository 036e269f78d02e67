import { demand, financeAccess } from '@hub/auth';
import type { FinanceContext } from '../../FinanceContext';
import type { SubsidyProgramme } from '../../subsidies/subsidyRules';

/** Query.financeSubsidyRules: amounts, caps and conditions with their effective dates. */
export async function financeSubsidyRules(
  _: unknown,
  args: { programme?: SubsidyProgramme | null; asOf?: string | null },
  ctx: FinanceContext,
) {
  demand(financeAccess.readAggregates(ctx.principal), ctx.principal, '查看补贴标准');
  return ctx.ruleRepository.list({ programme: args.programme ?? undefined, asOf: args.asOf ?? undefined });
}
