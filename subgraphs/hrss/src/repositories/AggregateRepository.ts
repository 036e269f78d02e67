import type { HolderIndexRepository } from './HolderIndexRepository';

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

export interface AggregateRowCounts {
  keys: (string | null)[];
  holders?: number;
  certificates?: number;
  trainings?: number;
}

/** Column of each dimension on certificates (holding h) and on trainings (training_fact t); null: not applicable. */
const certificateColumn: Record<AggregateDimension, string> = {
  TOWNSHIP: 'pm.township_code',
  DEPARTMENT: 'h.department',
  TALENT_CATEGORY: 'h.talent_category',
  KIND: 'h.kind',
  LEVEL: 'h.level_number',
  OCCUPATION: 'h.occupation_code',
  MONTH: 'SUBSTR(h.issued_on, 1, 7)',
};
const trainingColumn: Record<AggregateDimension, string | null> = {
  TOWNSHIP: 'pm.township_code',
  DEPARTMENT: 't.department',
  TALENT_CATEGORY: null,
  KIND: null,
  LEVEL: null,
  OCCUPATION: 't.occupation_code',
  MONTH: 'SUBSTR(t.start_date, 1, 7)',
};

/**
 * Ad-hoc grouping over the holder index for analysts: one GROUP BY per measure family, with the
 * dimensions and filters drawn from fixed lists (never from caller text), so the SQL is always one
 * of a known few shapes.
 */
export class AggregateRepository {
  constructor(private readonly index: HolderIndexRepository) {}

  async certificates(asOf: string, dimensions: AggregateDimension[], filter: AggregateFilter, maxGroups: number): Promise<AggregateRowCounts[]> {
    const columns = dimensions.map((d) => certificateColumn[d]);
    const where = ['h.issued_on <= ?', '(h.revoked_on IS NULL OR h.revoked_on > ?)', '(h.valid_until IS NULL OR h.valid_until >= ?)'];
    const params: unknown[] = [asOf, asOf, asOf];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.townshipCode) add('pm.township_code = ?', filter.townshipCode);
    if (filter.department) add('h.department = ?', filter.department);
    if (filter.talentCategory) add('h.talent_category = ?', filter.talentCategory);
    if (filter.kind) add('h.kind = ?', filter.kind);
    if (filter.levelNumber) add('h.level_number = ?', filter.levelNumber);
    if (filter.occupationCode) add('h.occupation_code = ?', filter.occupationCode);
    if (filter.from) add('h.issued_on >= ?', filter.from);
    if (filter.to) add('h.issued_on <= ?', filter.to);
    const select = columns.map((c, i) => `${c} AS k${i}`).join(', ');
    const rows = await this.index.query<Record<string, unknown>>(
      `SELECT ${select}${select ? ',' : ''} COUNT(DISTINCT h.person_id) AS holders, COUNT(*) AS certificates
       FROM holding h LEFT JOIN person_master pm ON pm.person_id = h.person_id
       WHERE ${where.join(' AND ')}
       ${columns.length ? `GROUP BY ${columns.join(', ')}` : ''}
       ORDER BY holders DESC LIMIT ?`,
      [...params, maxGroups + 1],
    );
    return rows.map((r) => ({ keys: dimensions.map((_, i) => key(r[`k${i}`])), holders: Number(r.holders), certificates: Number(r.certificates) }));
  }

  async trainings(dimensions: AggregateDimension[], filter: AggregateFilter, asOf: string, maxGroups: number): Promise<AggregateRowCounts[] | null> {
    const columns = dimensions.map((d) => trainingColumn[d]);
    if (columns.some((c) => c === null) || filter.talentCategory || filter.kind || filter.levelNumber) return null;
    const where = ['t.start_date <= ?', "t.outcome <> 'DROPPED'"];
    const params: unknown[] = [asOf];
    if (filter.townshipCode) (where.push('pm.township_code = ?'), params.push(filter.townshipCode));
    if (filter.department) (where.push('t.department = ?'), params.push(filter.department));
    if (filter.occupationCode) (where.push('t.occupation_code = ?'), params.push(filter.occupationCode));
    if (filter.from) (where.push('t.start_date >= ?'), params.push(filter.from));
    if (filter.to) (where.push('t.start_date <= ?'), params.push(filter.to));
    const select = columns.map((c, i) => `${c} AS k${i}`).join(', ');
    const rows = await this.index.query<Record<string, unknown>>(
      `SELECT ${select}${select ? ',' : ''} COUNT(*) AS trainings
       FROM training_fact t LEFT JOIN person_master pm ON pm.person_id = t.person_id
       WHERE ${where.join(' AND ')}
       ${columns.length ? `GROUP BY ${columns.join(', ')}` : ''}
       ORDER BY trainings DESC LIMIT ?`,
      [...params, maxGroups + 1],
    );
    return rows.map((r) => ({ keys: dimensions.map((_, i) => key(r[`k${i}`])), trainings: Number(r.trainings) }));
  }
}

function key(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
