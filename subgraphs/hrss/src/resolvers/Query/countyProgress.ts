import { todayIso } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';

/** Query.countyProgress: the county's figures on a date (default today, UTC). */
export function countyProgress(_: unknown, args: { asOf?: string | null }, ctx: HrssContext) {
  return ctx.progress.figures(args.asOf ?? todayIso());
}
