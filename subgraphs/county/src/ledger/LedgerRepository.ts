import type { DataSource } from 'typeorm';
import type { Transactions } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';

export interface TrainingCountRow {
  department: Department;
  channel: string;
  month: string;
  trainings: number;
}

/** A certificate issued in the ledger's range, with the channel it is attributed to (null: no earlier training in its department). */
export interface AttributedCertificate {
  department: Department;
  personId: string;
  issuedOn: string;
  seniorOrAbove: boolean;
  channel: string | null;
}

export interface PersonDate {
  personId: string;
  date: string;
}

export interface LedgerInputRow {
  key: string;
  year: number;
  month: number;
  value: number;
  note: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** 高级工 or above: LEVEL_3 (三级) and higher, skilled kinds only. */
const SENIOR_MAX_LEVEL = 3;

/**
 * All SQL of the progress ledger (plan 三(二)): counts over the holder index (trainings, certificates,
 * apprentices and directed trainings, all from the departments' feeds) and the office's monthly inputs.
 */
export class LedgerRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
  ) {}

  /** Training person-times started per department, channel and month (dropped ones excluded). */
  async trainingsByMonth(from: string, to: string): Promise<TrainingCountRow[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT t.department AS department, t.channel AS channel, SUBSTR(t.start_date, 1, 7) AS month, COUNT(*) AS trainings
       FROM training_fact t WHERE t.start_date >= ? AND t.start_date <= ? AND t.outcome <> 'DROPPED'
       GROUP BY t.department, t.channel, SUBSTR(t.start_date, 1, 7)`,
      [from, to],
    );
    return rows.map((r) => ({
      department: String(r.department) as Department,
      channel: String(r.channel),
      month: String(r.month),
      trainings: Number(r.trainings),
    }));
  }

  /**
   * Certificates issued within [from, to] and not revoked by `to`, each attributed to the channel of the
   * holder's latest training (not dropped) in the same department that started on or before the issue date.
   */
  async certificatesWithChannel(from: string, to: string): Promise<AttributedCertificate[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT h.department AS department, h.person_id AS personId, h.issued_on AS issuedOn,
         CASE WHEN h.skilled = 1 AND h.level_number <= ? THEN 1 ELSE 0 END AS senior,
         (SELECT t.channel FROM training_fact t
            WHERE t.person_id = h.person_id AND t.department = h.department AND t.start_date <= h.issued_on AND t.outcome <> 'DROPPED'
            ORDER BY t.start_date DESC, t.training_id DESC LIMIT 1) AS channel
       FROM holding h
       WHERE h.issued_on >= ? AND h.issued_on <= ? AND (h.status = 'VALID' OR h.revoked_on > ?)`,
      [SENIOR_MAX_LEVEL, from, to, to],
    );
    return rows.map((r) => ({
      department: String(r.department) as Department,
      personId: String(r.personId),
      issuedOn: String(r.issuedOn),
      seniorOrAbove: Number(r.senior) === 1,
      channel: r.channel === null || r.channel === undefined ? null : String(r.channel),
    }));
  }

  /** 企业新型学徒制: hrss's trainings flagged apprenticeship = 1, started within [from, to], not dropped. */
  async apprentices(from: string, to: string): Promise<PersonDate[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT person_id AS personId, start_date AS date FROM training_fact WHERE department = 'HRSS' AND apprenticeship = 1 AND start_date >= ? AND start_date <= ? AND outcome <> 'DROPPED'`,
      [from, to],
    );
    return rows.map((r) => ({ personId: String(r.personId), date: String(r.date) }));
  }

  /** 定向式培训 directed trainings started within [from, to], not dropped. */
  async directed(from: string, to: string): Promise<PersonDate[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT person_id AS personId, start_date AS date FROM training_fact WHERE directed = 1 AND start_date >= ? AND start_date <= ? AND outcome <> 'DROPPED'`,
      [from, to],
    );
    return rows.map((r) => ({ personId: String(r.personId), date: String(r.date) }));
  }

  async inputs(keys: readonly string[], fromYear: number, toYear: number): Promise<LedgerInputRow[]> {
    if (!keys.length) return [];
    const rows = await this.dataSource
      .getRepository<LedgerInputRow>('LedgerInput')
      .createQueryBuilder('i')
      .where('i.input_key IN (:...keys) AND i.year >= :fromYear AND i.year <= :toYear', { keys: [...keys], fromYear, toYear })
      .getMany();
    return rows.map((r) => ({ ...r, year: Number(r.year), month: Number(r.month), value: Number(r.value) }));
  }

  async setInput(row: LedgerInputRow): Promise<void> {
    await this.transactions.run((manager) => manager.getRepository('LedgerInput').save(row));
  }
}
