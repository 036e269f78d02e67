import { demand, financeAccess } from '@hub/auth';
import { fieldErrors, pageArgs, toConnection } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { SubsidyProgramme } from '../../subsidies/subsidyRules';

/** Query.financeFundEntries: the ledger's entries, keyset-paginated by id. */
export function financeFundEntries(
  _: unknown,
  args: { programme?: SubsidyProgramme | null; year?: number | null; first?: number | null; after?: string | null },
  ctx: FinanceContext,
) {
  return fieldErrors(async () => {
    demand(financeAccess.readClaims(ctx.principal), ctx.principal, '查看资金台账明细');
    const page = await ctx.fundLedger.page({ programme: args.programme ?? undefined, year: args.year ?? undefined }, pageArgs(args));
    return toConnection(page, (e) => e.id);
  });
}
