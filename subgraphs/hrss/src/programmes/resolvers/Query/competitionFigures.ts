import { demand } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../../HrssContext';
import { programmeAccess } from '../../access';

/** Query.competitionFigures: a year's events, occupations and certified contestants against the plan's annual counts. */
export function competitionFigures(_: unknown, args: { year: number }, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看竞赛统计');
    return ctx.programmes.competitions.figures(args.year);
  });
}
