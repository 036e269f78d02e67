import { demand, may } from '@hub/auth';
import { countsOn } from '@hub/vocabulary';
import type { CountyContext } from '../../CountyContext';
import type { QueryHoldingsOfArgs } from '../../generated/resolvers';

/** Query.holdingsOf: a person's certificates in the county holder index (all, or those counting on asOf), for services such as finance. */
export async function holdingsOf(_: unknown, args: QueryHoldingsOfArgs, ctx: CountyContext) {
  demand(may.lookUpHoldings(ctx.principal), ctx.principal, '查询个人持证索引');
  const rows = await ctx.holdings.byPersonIds([args.personId]);
  return args.asOf ? rows.filter((h) => countsOn(h, args.asOf!)) : rows;
}
