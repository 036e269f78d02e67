import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationIssueTrainingVoucherArgs } from '../../generated/resolvers';

/** Mutation.issueTrainingVoucher: 发券. */
export function issueTrainingVoucher(_: unknown, args: MutationIssueTrainingVoucherArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '发放培训券');
    return ctx.programmes.vouchers.issue(args.input, actorOf(ctx.principal));
  }, ['input']);
}
