import { demand, programmeAccess } from '@hub/auth';
import type { HrssContext } from '../../HrssContext';
import type { QueryEnterprisesArgs } from '../../generated/resolvers';

/** Query.enterprises: the enterprise register, filtered by size class or part of the name. */
export async function enterprises(_: unknown, args: QueryEnterprisesArgs, ctx: HrssContext) {
  demand(programmeAccess.readRegisters(ctx.principal), ctx.principal, '查看企业名录');
  return ctx.programmes.enterprises.list(args);
}
