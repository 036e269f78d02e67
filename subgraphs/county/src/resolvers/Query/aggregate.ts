import { demand, DisclosureControl, may } from '@hub/auth';
import { InputError, occupationFilterCodeOf, todayIso, townshipCodeOf, fieldErrors } from '@hub/subgraph-kit';
import { levelNumber } from '@hub/vocabulary';
import type { CountyContext } from '../../CountyContext';
import type { AggregateMeasure } from '../../progress/aggregateTypes';
import type { AggregateAnswer, AggregateRow } from '../../progress/AggregateService';
import type { QueryAggregateArgs } from '../../generated/resolvers';

export const MAX_DIMENSIONS = 3;
export const MAX_GROUPS = 5000;

/** Query.aggregate: distinct holders, certificates and trainings grouped by up to three dimensions. */
export function aggregate(_: unknown, args: QueryAggregateArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readAggregates(ctx.principal), ctx.principal, '查看汇总数据');
    const dimensions = [...new Set(args.dimensions)];
    if (dimensions.length > MAX_DIMENSIONS)
      throw new InputError('TOO_MANY_DIMENSIONS', 'dimensions', `最多按 ${MAX_DIMENSIONS} 个维度分组`);
    const limit = args.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GROUPS)
      throw new InputError('BAD_LIMIT', 'limit', `分组数上限须在 1 到 ${MAX_GROUPS} 之间`);
    const measures = [...new Set(args.measures?.length ? args.measures : (['HOLDERS', 'CERTIFICATES'] as AggregateMeasure[]))];
    const f = args.filter ?? {};
    const filter: Parameters<CountyContext['aggregates']['aggregate']>[3] = {};
    if (f.township) filter.townshipCode = townshipCodeOf(f.township, 'filter.township');
    if (f.occupation) filter.occupationCode = occupationFilterCodeOf(f.occupation, 'filter.occupation');
    if (f.department) filter.department = f.department;
    if (f.talentCategory) filter.talentCategory = f.talentCategory;
    if (f.kind) filter.kind = f.kind;
    if (f.level) filter.levelNumber = levelNumber(f.level);
    // Restricted callers are answered for whole months only (a month end; ranges widened to whole months).
    const disclosure = ctx.disclosure(f.department);
    if (f.from) filter.from = disclosure.from(f.from);
    if (f.to) filter.to = disclosure.to(f.to);
    // Restricted callers' groups are cut at the limit in the published order, so the cut says nothing of the exact order.
    const answer = await ctx.aggregates.aggregate(
      disclosure.asOf(args.asOf ?? todayIso()),
      dimensions,
      measures,
      filter,
      disclosure.exact ? limit : MAX_GROUPS,
    );
    const published = disclosed(answer, disclosure);
    return { ...published, rows: published.rows.slice(0, limit), truncated: published.truncated || published.rows.length > limit };
  });
}

/**
 * The groups as this caller may see them: exact, or each measure through the cell-key method, certificates
 * under their holders and trainings under their trainees. A group that publishes 0 on every measure is left
 * out, as an empty group is, so that a missing group says “fewer than the threshold, perhaps none”.
 */
function disclosed(answer: AggregateAnswer, disclosure: DisclosureControl) {
  const strip = ({ cells: _cells, ...row }: AggregateRow) => row;
  if (disclosure.exact) return { ...answer, rows: answer.rows.map((row) => ({ ...strip(row), suppressed: false })) };
  const rows = answer.rows
    .map((row) => ({
      ...strip(row),
      holders: row.holders === null ? null : disclosure.count(row.cells.holders),
      certificates: row.certificates === null ? null : disclosure.records(row.cells.certificates, row.cells.holders),
      trainings: row.trainings === null ? null : disclosure.records(row.cells.trainings, row.cells.trainees),
      suppressed: false,
    }))
    .filter((row) => (row.holders ?? 0) + (row.certificates ?? 0) + (row.trainings ?? 0) > 0)
    // In the published values' order: the exact order would tell which of two equal published groups is larger.
    .sort(
      (a, b) =>
        (b.holders ?? b.trainings ?? b.certificates ?? 0) - (a.holders ?? a.trainings ?? a.certificates ?? 0) ||
        rowName(a).localeCompare(rowName(b)),
    );
  return { ...answer, rows };
}

const rowName = (row: { keys: { key: string | null }[] }) => row.keys.map((k) => k.key ?? '').join('|');
