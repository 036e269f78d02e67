import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationRegisterTrainingVoucherArgs } from '../../generated/resolvers';

/** Mutation.registerTrainingVoucher: 登记 by the training institution. */
export function registerTrainingVoucher(_: unknown, args: MutationRegisterTrainingVoucherArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记培训券');
    return ctx.programmes.vouchers.register(args.voucherNo, args, actorOf(ctx.principal));
  });
}
