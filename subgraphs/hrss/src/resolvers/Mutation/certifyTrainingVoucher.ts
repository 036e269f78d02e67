import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationCertifyTrainingVoucherArgs } from '../../generated/resolvers';

/** Mutation.certifyTrainingVoucher: 持证, the certificate is linked. */
export function certifyTrainingVoucher(_: unknown, args: MutationCertifyTrainingVoucherArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '核验培训券证书');
    return ctx.programmes.vouchers.certify(args.voucherNo, args.certificate, args.certifiedOn, actorOf(ctx.principal));
  });
}
