import { demand, financeAccess } from '@hub/auth';
import { fieldErrors, pageArgs, toConnection } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { QueryFinanceEmploymentSubsidyClaimsArgs } from '../../generated/resolvers';

/** Query.financeEmploymentSubsidyClaims: hiring and referral claims, keyset-paginated by id. */
export function financeEmploymentSubsidyClaims(_: unknown, args: QueryFinanceEmploymentSubsidyClaimsArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.readClaims(ctx.principal), ctx.principal, '查看就业补贴申领');
    const filter = {
      programme: args.programme ?? undefined,
      claimantCode: args.claimantCode?.trim().toUpperCase() || undefined,
      year: args.year ?? undefined,
    };
    return toConnection(await ctx.claims.employmentPage(filter, pageArgs(args)), (c) => c.id);
  });
}
