import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors, InputError } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import { voucherStates } from '../../programmes/repositories/VoucherRepository';
import type { QueryTrainingVoucherSummaryArgs } from '../../generated/resolvers';

/** Query.trainingVoucherSummary: vouchers issued in a year by current state, and the amount redeemed. */
export function trainingVoucherSummary(_: unknown, args: QueryTrainingVoucherSummaryArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看培训券统计');
    if (!Number.isInteger(args.year) || args.year < 2000 || args.year > 2100)
      throw new InputError('BAD_YEAR', 'year', `年份无效：${args.year}`);
    const rows = await ctx.programmes.voucherRepository.summary(args.year);
    return {
      year: args.year,
      issued: rows.reduce((s, r) => s + r.vouchers, 0),
      byState: voucherStates.map((state) => ({ state, vouchers: rows.find((r) => r.state === state)?.vouchers ?? 0 })),
      redeemedFen: rows.reduce((s, r) => s + r.redeemedFen, 0),
    };
  });
}
