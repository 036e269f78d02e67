import { demand, may } from '@hub/auth';
import { InputError, todayIso, withInputErrors } from '@hub/subgraph-kit';
import { CertificateKind, Department, levelNumber, matchOccupation, matchTownship, SkillLevel, TalentCategory } from '@hub/vocabulary';
import type { HrssContext } from '../../HrssContext';
import type { AggregateDimension, AggregateMeasure } from '../../progress/aggregateTypes';
import type { AggregateAnswer } from '../../progress/AggregateService';

interface AggregateArgs {
  dimensions: AggregateDimension[];
  measures?: AggregateMeasure[] | null;
  asOf?: string | null;
  filter?: {
    township?: string | null;
    department?: Department | null;
    talentCategory?: TalentCategory | null;
    kind?: CertificateKind | null;
    level?: SkillLevel | null;
    occupation?: string | null;
    from?: string | null;
    to?: string | null;
  } | null;
  limit?: number | null;
}

export const MAX_DIMENSIONS = 3;
export const MAX_GROUPS = 5000;

/** Query.aggregate: distinct holders, certificates and trainings grouped by up to three dimensions. */
export function aggregate(_: unknown, args: AggregateArgs, ctx: HrssContext) {
  return withInputErrors('', async () => {
    demand(may.readAggregates(ctx.principal), ctx.principal, '查看汇总数据');
    const dimensions = [...new Set(args.dimensions)];
    if (dimensions.length > MAX_DIMENSIONS) throw new InputError('TOO_MANY_DIMENSIONS', 'dimensions', `最多按 ${MAX_DIMENSIONS} 个维度分组`);
    const limit = args.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GROUPS) throw new InputError('BAD_LIMIT', 'limit', `分组数上限须在 1 到 ${MAX_GROUPS} 之间`);
    const measures = [...new Set(args.measures?.length ? args.measures : (['HOLDERS', 'CERTIFICATES'] as AggregateMeasure[]))];
    const f = args.filter ?? {};
    const filter: Parameters<HrssContext['aggregates']['aggregate']>[3] = {};
    if (f.township) {
      const township = matchTownship(f.township);
      if (!township) throw new InputError('UNKNOWN_TOWNSHIP', 'filter.township', `乡镇“${f.township}”不是濮阳县的乡镇`);
      filter.townshipCode = township.code;
    }
    if (f.occupation) {
      const occupation = matchOccupation(f.occupation);
      if (!occupation) throw new InputError('UNKNOWN_OCCUPATION', 'filter.occupation', `职业(工种)“${f.occupation}”不在2022版职业分类大典中`);
      filter.occupationCode = occupation.code;
    }
    if (f.department) filter.department = f.department;
    if (f.talentCategory) filter.talentCategory = f.talentCategory;
    if (f.kind) filter.kind = f.kind;
    if (f.level) filter.levelNumber = levelNumber(f.level);
    if (f.from) filter.from = f.from;
    if (f.to) filter.to = f.to;
    const answer = await ctx.aggregates.aggregate(args.asOf ?? todayIso(), dimensions, measures, filter, limit);
    return suppressSmallCells(answer, ctx);
  });
}

/** Analysts and dashboards do not see groups of fewer persons than the threshold. */
function suppressSmallCells(answer: AggregateAnswer, ctx: HrssContext) {
  const open = may.seeSmallCells(ctx.principal);
  return {
    ...answer,
    rows: answer.rows.map((row) => {
      const persons = row.holders ?? row.trainings ?? 0;
      if (open || persons >= ctx.minCellSize) return { ...row, suppressed: false };
      return { keys: row.keys, holders: null, certificates: null, trainings: null, suppressed: true };
    }),
  };
}
