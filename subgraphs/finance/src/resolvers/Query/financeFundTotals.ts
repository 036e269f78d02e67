import { demand, financeAccess } from '@hub/auth';
import type { FinanceContext } from '../../FinanceContext';
import type { QueryFinanceFundTotalsArgs } from '../../generated/resolvers';

/** Query.financeFundTotals: money in and out per programme and year. */
export async function financeFundTotals(_: unknown, args: QueryFinanceFundTotalsArgs, ctx: FinanceContext) {
  demand(financeAccess.readAggregates(ctx.principal), ctx.principal, '查看资金合计');
  return ctx.fundLedger.totals({ programme: args.programme ?? undefined, year: args.year ?? undefined });
}
