import type { CountyFigures } from '../progress/CountyProgressService';
import type { HrssContext } from '../HrssContext';

export const CountyProgress = {
  byOccupation: (figures: CountyFigures, args: { limit?: number | null }) => figures.byOccupation.slice(0, Math.max(0, Math.min(args.limit ?? 20, 2000))),
  completeness: (_: CountyFigures, __: unknown, ctx: HrssContext) => ctx.progress.completeness(),
};
