import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationRecordCompetitionArgs } from '../../generated/resolvers';

/** Mutation.recordCompetition: records or corrects a competition by code. */
export function recordCompetition(_: unknown, args: MutationRecordCompetitionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记竞赛');
    return ctx.programmes.competitions.record(args.input, actorOf(ctx.principal));
  }, ['input']);
}
