import { demand } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import { actorOf, programmeAccess } from '../../programmes/access';
import type { CertificateRef } from '../../programmes/vouchers/VoucherService';

/** Mutation.certifyTrainingVoucher: 持证, the certificate is linked. */
export function certifyTrainingVoucher(
  _: unknown,
  args: { voucherNo: string; certificate?: CertificateRef | null; certifiedOn?: string | null },
  ctx: HrssContext,
) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '核验培训券证书');
    return ctx.programmes.vouchers.certify(args.voucherNo, args.certificate, args.certifiedOn, actorOf(ctx.principal));
  });
}
