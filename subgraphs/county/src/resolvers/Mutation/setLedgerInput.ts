import { actorOf, demand, may } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { MutationSetLedgerInputArgs } from '../../generated/resolvers';

/** Mutation.setLedgerInput: the office enters a month's certified employment or new urban jobs; returns that figure for the year. */
export function setLedgerInput(_: unknown, args: MutationSetLedgerInputArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.setLedgerInputs(ctx.principal), ctx.principal, '录入进度台账数据');
    await ctx.ledger.setInput(args.key, args.year, args.month, args.value, args.note ?? null, actorOf(ctx.principal));
    return ctx.ledger.inputCount(args.key, args.year);
  });
}
