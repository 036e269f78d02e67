import { demand, financeAccess } from '@hub/auth';
import { fieldErrors, pageArgs, personIdOf, toConnection } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { QueryFinanceEvaluationSubsidyClaimsArgs } from '../../generated/resolvers';

/** Query.financeEvaluationSubsidyClaims: claims by institution or person, keyset-paginated by id. */
export function financeEvaluationSubsidyClaims(_: unknown, args: QueryFinanceEvaluationSubsidyClaimsArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.readClaims(ctx.principal), ctx.principal, '查看评价补贴申领');
    const filter = {
      institutionCode: args.institutionCode?.trim().toUpperCase() || undefined,
      personId: args.idNumber ? personIdOf(ctx.identity, args.idNumber) : undefined,
    };
    return toConnection(await ctx.claims.evaluationPage(filter, pageArgs(args)), (c) => c.id);
  });
}
