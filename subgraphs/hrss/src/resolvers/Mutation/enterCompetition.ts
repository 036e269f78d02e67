import { actorOf, demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationEnterCompetitionArgs } from '../../generated/resolvers';

/** Mutation.enterCompetition: enters a contestant (by ID number) in one occupation of a competition. */
export function enterCompetition(_: unknown, args: MutationEnterCompetitionArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记参赛选手');
    return ctx.programmes.competitions.enter(args.competitionCode, args.input, actorOf(ctx.principal));
  }, ['input']);
}
