import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors, InputError } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryCompetitionsArgs } from '../../generated/resolvers';

/** Query.competitions: the competitions started in a year (a handful a year, so a plain list). */
export function competitions(_: unknown, args: QueryCompetitionsArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看竞赛');
    if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100)
      throw new InputError('BAD_YEAR', 'year', `年份无效：${args.year}`);
    return ctx.programmes.competitionRepository.inYear(args.year);
  });
}
