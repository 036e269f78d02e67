import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { MutationRecordCompetitionResultArgs } from '../../generated/resolvers';

/** Mutation.recordCompetitionResult: a contestant's rank, award and the certificate earned. */
export function recordCompetitionResult(_: unknown, args: MutationRecordCompetitionResultArgs, ctx: HrssContext) {
  return fieldErrors(async () => {
    demand(programmeAccess.write(ctx.principal), ctx.principal, '登记竞赛成绩');
    return ctx.programmes.competitions.result(args.competitionCode, args.input);
  }, ['input']);
}
