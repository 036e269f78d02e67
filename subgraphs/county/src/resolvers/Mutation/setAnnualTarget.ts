import { actorOf, demand, may } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { MutationSetAnnualTargetArgs } from '../../generated/resolvers';

/** Mutation.setAnnualTarget: the county administrator sets (or withdraws) one annual target; the row written is returned. */
export function setAnnualTarget(_: unknown, args: MutationSetAnnualTargetArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.setCountyInputs(ctx.principal), ctx.principal, '设定年度目标');
    return ctx.targets.set(args.input, actorOf(ctx.principal));
  });
}
