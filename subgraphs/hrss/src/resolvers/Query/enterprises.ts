import { demand } from '@hub/auth';
import type { HrssContext } from '../../HrssContext';
import { programmeAccess } from '../../programmes/access';
import type { SizeClass } from '../../programmes/repositories/RegisterRepository';

/** Query.enterprises: the enterprise register, filtered by size class or part of the name. */
export async function enterprises(_: unknown, args: { sizeClass?: SizeClass | null; nameContains?: string | null }, ctx: HrssContext) {
  demand(programmeAccess.readRegisters(ctx.principal), ctx.principal, '查看企业名录');
  return ctx.programmes.enterprises.list(args);
}
