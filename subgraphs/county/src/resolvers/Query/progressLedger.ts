import { demand, may } from '@hub/auth';
import { fieldErrors, InputError } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import { ledgerPublisher } from '../../ledger/ProgressLedgerService';
import { LedgerPeriod, parseLedgerPeriod, quarterPeriod, yearPeriod } from '../../ledger/LedgerPeriod';
import type { QueryProgressLedgerArgs } from '../../generated/resolvers';

/** The period asked for: `period` (2025-M06, 2025-Q2, 2025-H1, 2025), or `year` with an optional `quarter` as before. */
export function ledgerPeriodOf(args: QueryProgressLedgerArgs): LedgerPeriod {
  if (args.period !== undefined && args.period !== null) {
    const period = parseLedgerPeriod(args.period);
    if ((args.year != null && args.year !== period.year) || args.quarter != null)
      throw new InputError('BAD_PERIOD', 'period', '请只用 period，或只用 year 和 quarter');
    return period;
  }
  if (args.year === undefined || args.year === null) throw new InputError('BAD_PERIOD', 'period', '请指定 period（例如 2025-H1）或 year');
  return args.quarter === undefined || args.quarter === null ? yearPeriod(args.year) : quarterPeriod(args.year, args.quarter);
}

/** Query.progressLedger: the leadership office's ledger for a month, quarter, half year or year. */
export function progressLedger(_: unknown, args: QueryProgressLedgerArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readAggregates(ctx.principal), ctx.principal, '查看进度台账');
    // County-wide figures: exact for the county administrator, the cell-key method for everyone else.
    const disclosure = ctx.disclosure();
    return ctx.ledger.build(ledgerPeriodOf(args), ledgerPublisher(disclosure));
  });
}
