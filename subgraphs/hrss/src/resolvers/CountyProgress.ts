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

/** The parent is `{ asOf }`; the service computes the figures once per date and index version. */
type Parent = { asOf: string };
const figures = (parent: Parent, ctx: HrssContext) => ctx.progress.figures(parent.asOf);

const plainFields = [
  'periodFrom',
  'periodTo',
  'certificateHolders',
  'skilledTalents',
  'midHighSkilledTalents',
  'highSkilledTalents',
  'trainingPersonTimes',
  'newlyCertified',
  'newHighSkilled',
  'employedPopulation',
  'holderShareOfEmployed',
  'skilledShareOfEmployed',
  'midHighShareOfSkilled',
  'byDepartment',
  'byMonth',
] as const satisfies readonly (keyof CountyFigures)[];

export const CountyProgress = {
  ...Object.fromEntries(plainFields.map((field) => [field, async (parent: Parent, _: unknown, ctx: HrssContext) => (await figures(parent, ctx))[field]])),
  byTownship: async (parent: Parent, _: unknown, ctx: HrssContext) => disclosed((await figures(parent, ctx)).byTownship, ctx),
  byTalentCategory: async (parent: Parent, _: unknown, ctx: HrssContext) => disclosed((await figures(parent, ctx)).byTalentCategory, ctx),
  byLevel: async (parent: Parent, _: unknown, ctx: HrssContext) => disclosed((await figures(parent, ctx)).byLevel, ctx),
  byOccupation: async (parent: Parent, args: { limit?: number | null }, ctx: HrssContext) =>
    disclosed((await figures(parent, ctx)).byOccupation.slice(0, Math.max(0, Math.min(args.limit ?? 20, 2000))), ctx),
  completeness: (_: Parent, __: unknown, ctx: HrssContext) => ctx.progress.completeness(),
};
