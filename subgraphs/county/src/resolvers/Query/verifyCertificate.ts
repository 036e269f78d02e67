import { demand, may } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { QueryVerifyCertificateArgs } from '../../generated/resolvers';

/** Query.verifyCertificate: 证书查询 by certificate number and holder's name (CertificateCheckService). */
export function verifyCertificate(_: unknown, args: QueryVerifyCertificateArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.verifyCertificate(ctx.principal), ctx.principal, '证书查询');
    return ctx.certificates.verify(ctx.principal, ctx.requestId, args.certificateNumber, args.name);
  });
}
