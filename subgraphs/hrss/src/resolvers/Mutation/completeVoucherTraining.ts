import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationCompleteVoucherTrainingArgs } from '../../generated/resolvers';

/** Mutation.completeVoucherTraining: 培训 completed. */
export function completeVoucherTraining(_: unknown, args: MutationCompleteVoucherTrainingArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记培训券结业');
    return ctx.programmes.vouchers.completeTraining(args.voucherNo, actorOf(ctx.principal));
  });
}
