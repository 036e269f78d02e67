import { DisclosureControl, subtractKeys } from '@hub/auth';
import { figureOf, Figure } from '@hub/subgraph-kit';
import type { BreakdownRow, CountyFigures } from '../progress/CountyProgressService';
import type { CountyContext } from '../CountyContext';
import type { CountyProgressByOccupationArgs } from '../generated/resolvers';
import type { CountyProgressMapper } from './mappers';

/**
 * The parent is `{ asOf }` (already a month end for restricted callers, see Query.countyProgress); the service
 * computes the exact figures once per date and index version, and every field publishes them through the
 * caller's disclosure control: exact for the county administrator, the cell-key method for analysts and dashboards.
 */
type Parent = CountyProgressMapper;
const figures = (parent: Parent, ctx: CountyContext) => ctx.progress.figures(parent.asOf);
const control = (ctx: CountyContext) => ctx.disclosure();

/** The headline counts of persons (and training person-times) and where their cell keys are. */
export const headlineFields = {
  certificateHolders: 'holders',
  skilledTalents: 'skilled',
  midHighSkilledTalents: 'midHigh',
  highSkilledTalents: 'high',
  trainingPersonTimes: 'trainingPersonTimes',
  newlyCertified: 'newlyCertified',
  newHighSkilled: 'newHighSkilled',
} as const satisfies Partial<Record<keyof CountyFigures, keyof CountyFigures['cellKeys']>>;

const plainFields = ['periodFrom', 'periodTo', 'employedPopulation'] as const satisfies readonly (keyof CountyFigures)[];

export function headline(f: CountyFigures, field: keyof typeof headlineFields, d: DisclosureControl): Figure {
  const exact = f[field];
  if (d.exact) return exact;
  return figureOf(exact.key, exact.label, d.count({ n: exact.value, cellKey: f.cellKeys[headlineFields[field]] }), exact.target);
}

/** A share of two published figures, so that a ratio tells no more than its parts. */
function share(
  f: CountyFigures,
  field: 'holderShareOfEmployed' | 'skilledShareOfEmployed' | 'midHighShareOfSkilled',
  d: DisclosureControl,
): Figure {
  const exact = f[field];
  if (d.exact) return exact;
  const part = {
    holderShareOfEmployed: 'certificateHolders',
    skilledShareOfEmployed: 'skilledTalents',
    midHighShareOfSkilled: 'midHighSkilledTalents',
  } as const;
  const numerator = headline(f, part[field], d).value;
  // The employed population is the office's input, not a count of records: it is published as entered.
  const denominator = field === 'midHighShareOfSkilled' ? headline(f, 'skilledTalents', d).value : f.employedPopulation;
  return figureOf(exact.key, exact.label, denominator > 0 ? numerator / denominator : 0, exact.target);
}

/** Groups through the disclosure control; a group that publishes as 0 is left out, like an empty one. */
function breakdown(rows: BreakdownRow[], d: DisclosureControl, order: 'holders' | 'key' = 'holders') {
  const strip = ({ cellKeys: _keys, ...row }: BreakdownRow) => ({ ...row, suppressed: false });
  if (d.exact) return rows.map(strip);
  return (
    rows
      .map((row) => {
        const holders = { n: row.holders, cellKey: row.cellKeys.holders };
        return {
          ...strip(row),
          holders: d.count(holders),
          certificates: d.records({ n: row.certificates, cellKey: row.cellKeys.certificates }, holders),
        };
      })
      .filter((row) => row.holders > 0)
      // In the published order: the exact order would tell which of two equally published groups is larger.
      .sort((a, b) => (order === 'holders' ? b.holders - a.holders : 0) || String(a.key).localeCompare(String(b.key)))
  );
}

function byDepartment(f: CountyFigures, d: DisclosureControl) {
  const strip = ({ cellKeys: _keys, ...row }: CountyFigures['byDepartment'][number]) => row;
  if (d.exact) return f.byDepartment.map(strip);
  return f.byDepartment.map((row) => {
    const holders = { n: row.holders, cellKey: row.cellKeys.holders };
    return {
      ...strip(row),
      holders: d.count(holders),
      overlap: d.count({ n: row.overlap, cellKey: row.cellKeys.overlap }),
      // Its own cell (holders in this department only): published from its own key, not as a difference.
      exclusive: d.count({ n: row.exclusive, cellKey: subtractKeys(row.cellKeys.holders, row.cellKeys.overlap) }),
      certificates: d.records({ n: row.certificates, cellKey: row.cellKeys.certificates }, holders),
    };
  });
}

function byMonth(f: CountyFigures, d: DisclosureControl) {
  return f.byMonth.map(({ cellKeys, ...row }) =>
    d.exact
      ? row
      : {
          month: row.month,
          certificatesIssued: d.count({ n: row.certificatesIssued, cellKey: cellKeys.certificatesIssued }),
          newHolders: d.count({ n: row.newHolders, cellKey: cellKeys.newHolders }),
          trainingsStarted: d.count({ n: row.trainingsStarted, cellKey: cellKeys.trainingsStarted }),
        },
  );
}

const withFigures =
  <A, R>(publish: (f: CountyFigures, d: DisclosureControl, args: A) => R) =>
  async (parent: Parent, args: A, ctx: CountyContext): Promise<R> =>
    publish(await figures(parent, ctx), control(ctx), args);

export const CountyProgress = {
  ...Object.fromEntries(plainFields.map((field) => [field, withFigures((f) => f[field])])),
  ...Object.fromEntries(
    Object.keys(headlineFields).map((field) => [field, withFigures((f, d) => headline(f, field as keyof typeof headlineFields, d))]),
  ),
  holderShareOfEmployed: withFigures((f, d) => share(f, 'holderShareOfEmployed', d)),
  skilledShareOfEmployed: withFigures((f, d) => share(f, 'skilledShareOfEmployed', d)),
  midHighShareOfSkilled: withFigures((f, d) => share(f, 'midHighShareOfSkilled', d)),
  byDepartment: withFigures(byDepartment),
  byMonth: withFigures(byMonth),
  byTownship: async (parent: Parent, _: unknown, ctx: CountyContext) => {
    const [rows, book] = await Promise.all([figures(parent, ctx), ctx.targets.book(Number(parent.asOf.slice(0, 4)))]);
    // 乡级实施: each township's holders against the target the office set for it (as published, for restricted callers).
    return breakdown(rows.byTownship, control(ctx)).map((row) => {
      const target = row.key ? book.value({ township: row.key }, 'HOLDERS') : null;
      return { ...row, target, ratio: target && row.holders !== null ? row.holders / target : null };
    });
  },
  byTalentCategory: withFigures((f, d) => breakdown(f.byTalentCategory, d)),
  byLevel: withFigures((f, d) => breakdown(f.byLevel, d, 'key')),
  byOccupation: withFigures((f, d, args: CountyProgressByOccupationArgs) =>
    breakdown(f.byOccupation, d).slice(0, Math.max(0, Math.min(args.limit ?? 20, 2000))),
  ),
  completeness: (_: Parent, __: unknown, ctx: CountyContext) => ctx.progress.completeness(),
};
