import { demand } from '@hub/auth';
import { fieldErrors, todayIso } from '@hub/subgraph-kit';
import type { HrssContext } from '../../../HrssContext';
import { programmeAccess } from '../../access';

/** Query.progressLedger: the leadership office's ledger for a year, or for one quarter of it. */
export function progressLedger(_: unknown, args: { year: number; quarter?: number | null }, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.readAggregates(ctx.principal), ctx.principal, '查看进度台账');
    // County-wide figures: exact for the county administrator, the cell-key method for everyone else.
    const disclosure = ctx.disclosure();
    return ctx.programmes.ledger.build(args.year, args.quarter ?? null, {
      persons: (ids) => disclosure.persons(ids),
      defined: (n, definition) => disclosure.defined(n, definition),
      until: disclosure.exact ? null : disclosure.asOf(todayIso()),
    });
  });
}
