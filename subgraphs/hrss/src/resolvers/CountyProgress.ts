import { may } from '@hub/auth';
import type { BreakdownRow, CountyFigures } from '../progress/CountyProgressService';
import type { HrssContext } from '../HrssContext';

/** Analysts and dashboards do not see groups smaller than the threshold (HUB_MIN_CELL_SIZE, default 5). */
function disclosed(rows: BreakdownRow[], ctx: HrssContext) {
  if (may.seeSmallCells(ctx.principal)) return rows.map((row) => ({ ...row, suppressed: false }));
  return rows.map((row) =>
    row.holders < ctx.minCellSize ? { key: row.key, label: row.label, holders: null, certificates: null, suppressed: true } : { ...row, suppressed: false },
  );
}

export const CountyProgress = {
  byTownship: (figures: CountyFigures, _: unknown, ctx: HrssContext) => disclosed(figures.byTownship, ctx),
  byTalentCategory: (figures: CountyFigures, _: unknown, ctx: HrssContext) => disclosed(figures.byTalentCategory, ctx),
  byLevel: (figures: CountyFigures, _: unknown, ctx: HrssContext) => disclosed(figures.byLevel, ctx),
  byOccupation: (figures: CountyFigures, args: { limit?: number | null }, ctx: HrssContext) =>
    disclosed(figures.byOccupation.slice(0, Math.max(0, Math.min(args.limit ?? 20, 2000))), ctx),
  completeness: (_: CountyFigures, __: unknown, ctx: HrssContext) => ctx.progress.completeness(),
};
