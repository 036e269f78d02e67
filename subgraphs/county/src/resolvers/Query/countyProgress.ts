import { todayIso } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { QueryCountyProgressArgs } from '../../generated/resolvers';

/**
 * Query.countyProgress: the county's figures on a date (default today, UTC). Only the date is
 * decided here; the figures are computed when a figure field is asked for, so a request for
 * `completeness` alone never triggers the big counts.
 */
export function countyProgress(_: unknown, args: QueryCountyProgressArgs, ctx: CountyContext) {
  // Restricted callers get the last completed month end: two nearby dates cannot be differenced.
  return { asOf: ctx.disclosure().asOf(args.asOf ?? todayIso()) };
}
