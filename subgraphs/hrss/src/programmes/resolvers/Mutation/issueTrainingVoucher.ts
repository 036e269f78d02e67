import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../../HrssContext';
import type { IssueVoucherInput } from '../../vouchers/VoucherService';

/** Mutation.issueTrainingVoucher: 发券. */
export function issueTrainingVoucher(_: unknown, args: { input: IssueVoucherInput }, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '发放培训券');
    return ctx.programmes.vouchers.issue(args.input, actorOf(ctx.principal));
  }, ['input']);
}
