import type { HolderIndexRepository } from './HolderIndexRepository';

/** Counting rule of DESIGN.md: issued on or before D, not revoked by D, not expired on D. */
const COUNTS_ON = `h.issued_on <= ? AND (h.revoked_on IS NULL OR h.revoked_on > ?) AND (h.valid_until IS NULL OR h.valid_until >= ?)`;
const countsOn = (asOf: string) => [asOf, asOf, asOf];

export interface HeadlineCounts {
  holders: number;
  skilled: number;
  midHigh: number;
  high: number;
}

export interface DepartmentCounts {
  department: string;
  holders: number;
  overlap: number;
  certificates: number;
}

export interface GroupCounts {
  key: string | null;
  holders: number;
  certificates: number;
}

export interface MonthCounts {
  month: string;
  certificatesIssued: number;
  newHolders: number;
  trainingsStarted: number;
}

const n = (value: unknown) => Number(value ?? 0);

/**
 * All SQL behind countyProgress: distinct-person counts over the holder index.
 * `midHighMaxLevel` is 4 (四级 or above) and `highMaxLevel` 3, per the vocabulary's rules.
 */
export class ProgressRepository {
  constructor(private readonly index: HolderIndexRepository) {}

  async headline(asOf: string, midHighMaxLevel: number, highMaxLevel: number, unlevelledIsMidHigh: boolean): Promise<HeadlineCounts> {
    const unlevelled = unlevelledIsMidHigh ? 'OR h.level_number IS NULL' : '';
    const [row] = await this.index.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS holders, SUM(skilled) AS skilled, SUM(mid_high) AS mid_high, SUM(high) AS high FROM (
         SELECT h.person_id,
           MAX(h.skilled) AS skilled,
           MAX(CASE WHEN h.skilled = 1 AND (h.level_number <= ? ${unlevelled}) THEN 1 ELSE 0 END) AS mid_high,
           MAX(CASE WHEN h.skilled = 1 AND h.level_number <= ? THEN 1 ELSE 0 END) AS high
         FROM holding h WHERE ${COUNTS_ON} GROUP BY h.person_id) per_person`,
      [midHighMaxLevel, highMaxLevel, ...countsOn(asOf)],
    );
    return { holders: n(row.holders), skilled: n(row.skilled), midHigh: n(row.mid_high), high: n(row.high) };
  }

  /** Persons with a certificate issued within [from, asOf] and not revoked by asOf; optionally high-skilled only. */
  async newlyCertified(from: string, asOf: string, highMaxLevel?: number): Promise<number> {
    const high = highMaxLevel === undefined ? '' : 'AND h.skilled = 1 AND h.level_number <= ?';
    const [row] = await this.index.query<Record<string, unknown>>(
      `SELECT COUNT(DISTINCT h.person_id) AS persons FROM holding h
       WHERE h.issued_on >= ? AND h.issued_on <= ? AND (h.revoked_on IS NULL OR h.revoked_on > ?) ${high}`,
      highMaxLevel === undefined ? [from, asOf, asOf] : [from, asOf, asOf, highMaxLevel],
    );
    return n(row.persons);
  }

  /** Training person-times started within [from, asOf], not counting dropped trainings. */
  async trainingPersonTimes(from: string, asOf: string): Promise<number> {
    const [row] = await this.index.query<Record<string, unknown>>(
      `SELECT COUNT(*) AS trainings FROM training_fact t WHERE t.start_date >= ? AND t.start_date <= ? AND t.outcome <> 'DROPPED'`,
      [from, asOf],
    );
    return n(row.trainings);
  }

  async byDepartment(asOf: string): Promise<DepartmentCounts[]> {
    const rows = await this.index.query<Record<string, unknown>>(
      `SELECT h.department AS department, COUNT(DISTINCT h.person_id) AS holders, COUNT(*) AS certificates,
         COUNT(DISTINCT CASE WHEN m.departments > 1 THEN h.person_id END) AS overlap
       FROM holding h
       JOIN (SELECT h.person_id, COUNT(DISTINCT h.department) AS departments FROM holding h WHERE ${COUNTS_ON} GROUP BY h.person_id) m
         ON m.person_id = h.person_id
       WHERE ${COUNTS_ON}
       GROUP BY h.department`,
      [...countsOn(asOf), ...countsOn(asOf)],
    );
    return rows.map((r) => ({ department: String(r.department), holders: n(r.holders), overlap: n(r.overlap), certificates: n(r.certificates) }));
  }

  /** Distinct holders and certificates grouped by one column of the index (or of the person master). */
  async groupBy(asOf: string, dimension: 'township' | 'talentCategory' | 'level' | 'occupation'): Promise<GroupCounts[]> {
    const column = {
      township: 'pm.township_code',
      talentCategory: 'h.talent_category',
      level: 'h.level_number',
      occupation: 'h.occupation_code',
    }[dimension];
    const join = dimension === 'township' ? 'LEFT JOIN person_master pm ON pm.person_id = h.person_id' : '';
    const rows = await this.index.query<Record<string, unknown>>(
      `SELECT ${column} AS k, COUNT(DISTINCT h.person_id) AS holders, COUNT(*) AS certificates
       FROM holding h ${join} WHERE ${COUNTS_ON} GROUP BY ${column}`,
      countsOn(asOf),
    );
    return rows.map((r) => ({ key: r.k === null || r.k === undefined ? null : String(r.k), holders: n(r.holders), certificates: n(r.certificates) }));
  }

  /** Per month of the plan period up to asOf: certificates issued, first-time holders, trainings started. */
  async byMonth(from: string, asOf: string): Promise<MonthCounts[]> {
    const issued = await this.index.query<Record<string, unknown>>(
      `SELECT SUBSTR(h.issued_on, 1, 7) AS month, COUNT(*) AS c FROM holding h
       WHERE h.issued_on >= ? AND h.issued_on <= ? AND (h.revoked_on IS NULL OR h.revoked_on > ?) GROUP BY SUBSTR(h.issued_on, 1, 7)`,
      [from, asOf, asOf],
    );
    const first = await this.index.query<Record<string, unknown>>(
      `SELECT SUBSTR(f.first_issued, 1, 7) AS month, COUNT(*) AS c FROM (
         SELECT h.person_id, MIN(h.issued_on) AS first_issued FROM holding h
         WHERE h.issued_on <= ? AND (h.revoked_on IS NULL OR h.revoked_on > ?) GROUP BY h.person_id) f
       WHERE f.first_issued >= ? GROUP BY SUBSTR(f.first_issued, 1, 7)`,
      [asOf, asOf, from],
    );
    const trainings = await this.index.query<Record<string, unknown>>(
      `SELECT SUBSTR(t.start_date, 1, 7) AS month, COUNT(*) AS c FROM training_fact t
       WHERE t.start_date >= ? AND t.start_date <= ? AND t.outcome <> 'DROPPED' GROUP BY SUBSTR(t.start_date, 1, 7)`,
      [from, asOf],
    );
    const months = new Map<string, MonthCounts>();
    const at = (month: string) => {
      let row = months.get(month);
      if (!row) months.set(month, (row = { month, certificatesIssued: 0, newHolders: 0, trainingsStarted: 0 }));
      return row;
    };
    for (const r of issued) at(String(r.month)).certificatesIssued = n(r.c);
    for (const r of first) at(String(r.month)).newHolders = n(r.c);
    for (const r of trainings) at(String(r.month)).trainingsStarted = n(r.c);
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  }
}
