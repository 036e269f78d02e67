import { demand, financeAccess } from '@hub/auth';
import { fieldErrors, pageArgs, toConnection } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { QueryFinanceFundEntriesArgs } from '../../generated/resolvers';

/** Query.financeFundEntries: the ledger's entries, keyset-paginated by id. */
export function financeFundEntries(_: unknown, args: QueryFinanceFundEntriesArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.readClaims(ctx.principal), ctx.principal, '查看资金台账明细');
    const page = await ctx.fundLedger.page({ programme: args.programme ?? undefined, year: args.year ?? undefined }, pageArgs(args));
    return toConnection(page, (e) => e.id);
  });
}
