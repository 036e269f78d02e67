import { demand } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import { actorOf, programmeAccess } from '../../programmes/access';
import type { IssueVoucherInput } from '../../programmes/vouchers/VoucherService';

/** Mutation.issueTrainingVoucher: 发券. */
export function issueTrainingVoucher(_: unknown, args: { input: IssueVoucherInput }, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '发放培训券');
    return ctx.programmes.vouchers.issue(args.input, actorOf(ctx.principal));
  }, ['input']);
}
