import { demand, may } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { QueryAnnualTargetsArgs } from '../../generated/resolvers';

/** Query.annualTargets: the targets in force for a year, or (history) every row ever set for that effective year, newest first. */
export function annualTargets(_: unknown, args: QueryAnnualTargetsArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readAggregates(ctx.principal), ctx.principal, '查看年度目标');
    if (args.history) return ctx.targets.history(args.year);
    return (await ctx.targets.book(args.year)).rows();
  });
}
