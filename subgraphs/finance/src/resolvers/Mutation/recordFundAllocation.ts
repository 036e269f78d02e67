import { actorOf, demand, financeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { MutationRecordFundAllocationArgs } from '../../generated/resolvers';

/** Mutation.recordFundAllocation: money into a programme's year, with who and why. */
export function recordFundAllocation(_: unknown, args: MutationRecordFundAllocationArgs, ctx: FinanceContext) {
  return fieldErrors(async () => {
    demand(financeAccess.writeSubsidies(ctx.principal), ctx.principal, '登记资金拨入');
    return ctx.funds.allocate(args.programme, args.year, args.amountFen, args.why, actorOf(ctx.principal));
  });
}
