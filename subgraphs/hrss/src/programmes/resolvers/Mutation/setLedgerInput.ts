import { demand } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../../HrssContext';
import { actorOf, programmeAccess } from '../../access';
import type { LedgerInputKey } from '../../ledger/ProgressLedgerService';

/** Mutation.setLedgerInput: the office enters a month's certified employment or new urban jobs; returns that figure for the year. */
export function setLedgerInput(_: unknown, args: { key: LedgerInputKey; year: number; month: number; value: number; note?: string | null }, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.setLedgerInputs(ctx.principal), ctx.principal, '录入进度台账数据');
    await ctx.programmes.ledger.setInput(args.key, args.year, args.month, args.value, args.note ?? null, actorOf(ctx.principal));
    return ctx.programmes.ledger.inputCount(args.key, args.year);
  });
}
