import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationEvaluateTrainingVoucherArgs } from '../../generated/resolvers';

/** Mutation.evaluateTrainingVoucher: 评价 by an institution on the catalogue. */
export function evaluateTrainingVoucher(_: unknown, args: MutationEvaluateTrainingVoucherArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记培训券评价');
    return ctx.programmes.vouchers.evaluate(args.voucherNo, args, actorOf(ctx.principal));
  });
}
