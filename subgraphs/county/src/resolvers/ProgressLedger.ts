import type { CountyContext } from '../CountyContext';

export const ProgressLedger = {
  completeness: (_: unknown, __: unknown, ctx: CountyContext) => ctx.progress.completeness(),
};
