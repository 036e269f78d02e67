import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationRedeemTrainingVoucherArgs } from '../../generated/resolvers';

/** Mutation.redeemTrainingVoucher: 兑现, once. */
export function redeemTrainingVoucher(_: unknown, args: MutationRedeemTrainingVoucherArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '兑现培训券');
    return ctx.programmes.vouchers.redeem(args.voucherNo, args, actorOf(ctx.principal));
  });
}
