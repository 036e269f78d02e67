import {
  certificateKindLabels,
  CertificateKind,
  Department,
  departmentLabels,
  levelFromNumber,
  occupationByCode,
  Sex,
  sexLabels,
  skillLevelLabels,
  talentCategoryLabels,
  TalentCategory,
  TargetGroup,
  targetGroupLabels,
  townshipByCode,
  TrainingChannel,
  trainingChannelLabels,
} from '@hub/vocabulary';
import type { KeyedCount } from '@hub/auth';
import type { IndexGate } from '../repositories/IndexGate';
import type { AggregateDimension, AggregateFilter, AggregateMeasure } from './aggregateTypes';
import { IndexVersionCache } from './IndexVersionCache';
import type { LiveCountyModel } from './LiveCountyModel';

export interface AggregateKey {
  dimension: AggregateDimension;
  key: string | null;
  label: string;
}

export interface AggregateRow {
  keys: AggregateKey[];
  holders: number | null;
  certificates: number | null;
  trainings: number | null;
  /**
   * Every count of the group with its cell key, asked for or not (0 when none), for disclosure control: the
   * certificates of a group are published under its holders, its trainings under its trainees. Never published.
   */
  cells: Record<'holders' | 'certificates' | 'trainings' | 'trainees', KeyedCount>;
}

export interface AggregateAnswer {
  asOf: string;
  dimensions: AggregateDimension[];
  rows: AggregateRow[];
  /** More groups existed than the limit allowed. */
  truncated: boolean;
  /** Measures that do not apply to the chosen dimensions (e.g. trainings have no level). */
  notApplicable: AggregateMeasure[];
}

const none = (): KeyedCount => ({ n: 0, cellKey: 0 });

const labelOf: Record<AggregateDimension, (key: string) => string> = {
  TOWNSHIP: (k) => townshipByCode(k)?.name ?? k,
  DEPARTMENT: (k) => departmentLabels[k as Department] ?? k,
  TALENT_CATEGORY: (k) => talentCategoryLabels[k as TalentCategory] ?? k,
  KIND: (k) => certificateKindLabels[k as CertificateKind] ?? k,
  LEVEL: (k) => {
    const level = levelFromNumber(Number(k));
    return level ? skillLevelLabels[level] : k;
  },
  OCCUPATION: (k) => occupationByCode(k)?.name ?? k,
  MONTH: (k) => k,
  TARGET_GROUP: (k) => targetGroupLabels[k as TargetGroup] ?? k,
  SEX: (k) => sexLabels[k as Sex] ?? k,
  CHANNEL: (k) => trainingChannelLabels[k as TrainingChannel] ?? k,
  AGE_BAND: (k) => `${k}岁`,
};

/** Analysts' grouping over the holder index in memory, cached until the index changes. */
export class AggregateService {
  private readonly cache: IndexVersionCache<AggregateAnswer>;

  constructor(
    gate: IndexGate,
    private readonly live: LiveCountyModel,
  ) {
    this.cache = new IndexVersionCache(gate, 200);
  }

  aggregate(
    asOf: string,
    dimensions: AggregateDimension[],
    measures: AggregateMeasure[],
    filter: AggregateFilter,
    limit: number,
  ): Promise<AggregateAnswer> {
    const key = JSON.stringify({ asOf, dimensions, measures, filter, limit });
    return this.cache.get(key, () => this.compute(asOf, dimensions, measures, filter, limit));
  }

  private async compute(
    asOf: string,
    dimensions: AggregateDimension[],
    measures: AggregateMeasure[],
    filter: AggregateFilter,
    limit: number,
  ): Promise<AggregateAnswer> {
    const wantsCertificates = measures.includes('HOLDERS') || measures.includes('CERTIFICATES');
    const { certificateRows, trainingRows } = await this.live.read((model) => ({
      certificateRows: wantsCertificates ? model.certificateGroups(asOf, dimensions, filter, limit) : [],
      trainingRows: measures.includes('TRAININGS') ? model.trainingGroups(asOf, dimensions, filter, limit) : [],
    }));
    const rows = new Map<string, AggregateRow>();
    const rowFor = (keys: (string | null)[]) => {
      const id = JSON.stringify(keys);
      let row = rows.get(id);
      if (!row) {
        row = {
          keys: keys.map((k, i) => ({ dimension: dimensions[i], key: k, label: k === null ? '未登记' : labelOf[dimensions[i]](k) })),
          holders: measures.includes('HOLDERS') && certificateRows ? 0 : null,
          certificates: measures.includes('CERTIFICATES') && certificateRows ? 0 : null,
          trainings: measures.includes('TRAININGS') && trainingRows ? 0 : null,
          cells: { holders: none(), certificates: none(), trainings: none(), trainees: none() },
        };
        rows.set(id, row);
      }
      return row;
    };
    for (const r of (certificateRows ?? []).slice(0, limit)) {
      const row = rowFor(r.keys);
      if (row.holders !== null) row.holders = r.holders ?? 0;
      if (row.certificates !== null) row.certificates = r.certificates ?? 0;
      row.cells.holders = { n: r.holders ?? 0, cellKey: r.cellKeys.holders ?? 0 };
      row.cells.certificates = { n: r.certificates ?? 0, cellKey: r.cellKeys.certificates ?? 0 };
    }
    for (const r of (trainingRows ?? []).slice(0, limit)) {
      const row = rowFor(r.keys);
      if (row.trainings !== null) row.trainings = r.trainings ?? 0;
      row.cells.trainings = { n: r.trainings ?? 0, cellKey: r.cellKeys.trainings ?? 0 };
      row.cells.trainees = { n: r.trainees ?? 0, cellKey: r.cellKeys.trainees ?? 0 };
    }
    const all = [...rows.values()];
    return {
      asOf,
      dimensions,
      rows: all.slice(0, limit),
      truncated: (certificateRows?.length ?? 0) > limit || (trainingRows?.length ?? 0) > limit || all.length > limit,
      // Certificates have no target group or channel; trainings no talent category, kind or level.
      notApplicable: [
        ...(certificateRows === null ? measures.filter((m) => m === 'HOLDERS' || m === 'CERTIFICATES') : []),
        ...(measures.includes('TRAININGS') && trainingRows === null ? (['TRAININGS'] as const) : []),
      ],
    };
  }
}
