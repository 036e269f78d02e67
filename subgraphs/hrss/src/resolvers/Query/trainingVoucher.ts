import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import { voucherIdOf } from '../../programmes/vouchers/voucherRules';
import type { QueryTrainingVoucherArgs } from '../../generated/resolvers';

/** Query.trainingVoucher: one voucher by number; null when there is none. */
export function trainingVoucher(_: unknown, args: QueryTrainingVoucherArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readRecords(ctx.principal), ctx.principal, '查看培训券');
    return ctx.programmes.voucherRepository.byId(voucherIdOf(args.voucherNo));
  });
}
