import type { HrssContext } from '../../HrssContext';

export const ProgressLedger = {
  completeness: (_: unknown, __: unknown, ctx: HrssContext) => ctx.progress.completeness(),
};
