import { demand } from '@hub/auth';
import type { HrssContext } from '../../../HrssContext';
import { programmeAccess } from '../../access';
import { holdingCountsOn } from '../../repositories/HoldingLookup';

/** Query.holdingsOf: a person's certificates in the county holder index (all, or those counting on asOf), for services such as finance. */
export async function holdingsOf(_: unknown, args: { personId: string; asOf?: string | null }, ctx: HrssContext) {
  demand(programmeAccess.lookUpHoldings(ctx.principal), ctx.principal, '查询个人持证索引');
  const rows = await ctx.programmes.holdings.byPersonIds([args.personId]);
  return args.asOf ? rows.filter((h) => holdingCountsOn(h, args.asOf!)) : rows;
}
