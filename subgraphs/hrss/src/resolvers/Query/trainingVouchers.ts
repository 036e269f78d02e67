import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors, occupationCodeOf, pageArgs, personIdOf, toConnection } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { VoucherFilter } from '../../programmes/repositories/VoucherRepository';
import type { QueryTrainingVouchersArgs } from '../../generated/resolvers';

/** Query.trainingVouchers: vouchers by holder, state, occupation and issue date, keyset-paginated by id. */
export function trainingVouchers(_: unknown, args: QueryTrainingVouchersArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readRecords(ctx.principal), ctx.principal, '查看培训券');
    const f = args.filter ?? {};
    const filter: VoucherFilter = {
      personId: f.idNumber ? personIdOf(ctx.identity, f.idNumber) : undefined,
      state: f.state ?? undefined,
      occupationCode: f.occupation ? occupationCodeOf(f.occupation) : undefined,
      issuedFrom: f.issuedFrom ?? undefined,
      issuedTo: f.issuedTo ?? undefined,
    };
    const page = await ctx.programmes.voucherRepository.page(filter, pageArgs(args));
    return toConnection(page, (v) => v.id);
  }, ['filter']);
}
