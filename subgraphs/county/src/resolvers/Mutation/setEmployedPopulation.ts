import { demand, may } from '@hub/auth';
import { InputError, todayIso, fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { MutationSetEmployedPopulationArgs } from '../../generated/resolvers';

/** Mutation.setEmployedPopulation: the denominator of the shares; changes the figures at once. */
export function setEmployedPopulation(_: unknown, args: MutationSetEmployedPopulationArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.setCountyInputs(ctx.principal), ctx.principal, '修改从业人员数');
    if (!Number.isInteger(args.value) || args.value <= 0) {
      throw new InputError('BAD_VALUE', 'value', `从业人员数须为正整数，收到 ${args.value}`);
    }
    await ctx.inputs.setCountyInput('employedPopulation', String(args.value), args.note?.trim() || null);
    return { asOf: todayIso() };
  });
}
