/** The analysts' grouping (Query.aggregate): dimensions, measures and filters, each from a fixed list. */
export const aggregateDimensions = ['TOWNSHIP', 'DEPARTMENT', 'TALENT_CATEGORY', 'KIND', 'LEVEL', 'OCCUPATION', 'MONTH'] as const;
export type AggregateDimension = (typeof aggregateDimensions)[number];
export const aggregateMeasures = ['HOLDERS', 'CERTIFICATES', 'TRAININGS'] as const;
export type AggregateMeasure = (typeof aggregateMeasures)[number];

export interface AggregateFilter {
  townshipCode?: string;
  department?: string;
  talentCategory?: string;
  kind?: string;
  levelNumber?: number;
  occupationCode?: string;
  from?: string;
  to?: string;
}

/** One group: its key on each dimension (null: not recorded) and its counts. */
export interface AggregateRowCounts {
  keys: (string | null)[];
  holders?: number;
  certificates?: number;
  trainings?: number;
  /** Distinct persons among the trainings. */
  trainees?: number;
  /** Each count's cell key (disclosure control; never published). */
  cellKeys: { holders?: number; certificates?: number; trainings?: number; trainees?: number };
}
