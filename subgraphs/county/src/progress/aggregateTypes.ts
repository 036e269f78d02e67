/** The analysts' grouping (Query.aggregate): dimensions, measures and filters, each from a fixed list. */
export const aggregateDimensions = [
  'TOWNSHIP',
  'DEPARTMENT',
  'TALENT_CATEGORY',
  'KIND',
  'LEVEL',
  'OCCUPATION',
  'MONTH',
  'TARGET_GROUP',
  'SEX',
  'CHANNEL',
  'AGE_BAND',
] as const;
export type AggregateDimension = (typeof aggregateDimensions)[number];

/**
 * Age bands (AGE_BAND) by the lowest age of each: the age a person reaches in the as-of year, since the index keeps the
 * birth year only. Keys are the band's ages, e.g. "16-24", "65+".
 */
export const ageBandFloors = [0, 16, 25, 35, 45, 55, 65] as const;
export const ageBandKeys: readonly string[] = ageBandFloors.map((floor, i) =>
  i + 1 < ageBandFloors.length ? `${floor}-${ageBandFloors[i + 1] - 1}` : `${floor}+`,
);

/** The index in ageBandFloors of an age (a negative age, a birth year after the as-of year, falls in the first band). */
export function ageBandIndex(age: number): number {
  let band = 0;
  while (band + 1 < ageBandFloors.length && age >= ageBandFloors[band + 1]) band++;
  return band;
}
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
