import { demand, programmeAccess } from '@hub/auth';
import { fieldErrors } from '@hub/subgraph-kit';
import type { HrssContext } from '../../HrssContext';
import type { QueryEnterpriseArgs } from '../../generated/resolvers';

/** Query.enterprise: one enterprise by credit code (finance asks for the size class before paying a hiring subsidy). */
export async function enterprise(_: unknown, args: QueryEnterpriseArgs, ctx: HrssContext) {
  demand(programmeAccess.readRegisters(ctx.principal), ctx.principal, '查询企业名录');
  return fieldErrors(() => ctx.programmes.enterprises.byCode(args.creditCode));
}
