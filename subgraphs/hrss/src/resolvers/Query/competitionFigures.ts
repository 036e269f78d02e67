import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors, figureOf } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryCompetitionFiguresArgs } from '../../generated/resolvers';

/** Query.competitionFigures: a year's events, occupations and certified contestants against the plan's annual counts. */
export function competitionFigures(_: unknown, args: QueryCompetitionFiguresArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看竞赛统计');
    const figures = await ctx.programmes.competitions.figures(args.year);
    // Events and occupations are not persons; the contestants are, and go through the caller's disclosure control.
    const disclosure = ctx.disclosure();
    const certified = disclosure.defined(figures.contestantsCertified.value, `competition|certified|${args.year}`);
    return {
      ...figures,
      contestantsCertified: figureOf(
        figures.contestantsCertified.key,
        figures.contestantsCertified.label,
        certified,
        figures.contestantsCertified.target,
      ),
      contestants: disclosure.defined(figures.contestants, `competition|contestants|${args.year}`),
    };
  });
}
