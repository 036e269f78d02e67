import { demand, may } from '@hub/auth';
import { fieldErrors, todayIso } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';


/** Query.progressLedger: the leadership office's ledger for a year, or for one quarter of it. */
export function progressLedger(_: unknown, args: { year: number; quarter?: number | null }, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readAggregates(ctx.principal), ctx.principal, '查看进度台账');
    // County-wide figures: exact for the county administrator, the cell-key method for everyone else.
    const disclosure = ctx.disclosure();
    return ctx.ledger.build(args.year, args.quarter ?? null, {
      persons: (ids) => disclosure.persons(ids),
      defined: (n, definition) => disclosure.defined(n, definition),
      until: disclosure.exact ? null : disclosure.asOf(todayIso()),
    });
  });
}
