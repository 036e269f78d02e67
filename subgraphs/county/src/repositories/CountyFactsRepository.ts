import { chunks, type OutputTraining } from '@hub/subgraph-kit';
import type { CertificateStatus } from '@hub/vocabulary';
import type { DataSource } from 'typeorm';

/** Which persons to read: a list of ids, or every id in [from, to) (null: unbounded). */
export type PersonSelection = { ids: readonly string[] } | { from: string | null; to: string | null };

export interface PersonFact {
  personId: string;
  townshipCode: string | null;
  /** MALE or FEMALE as the departments describe the person (from the ID number); null when not known. */
  sex: string | null;
  birthYear: number | null;
}

export interface HoldingFact {
  personId: string;
  department: string;
  kind: string;
  talentCategory: string;
  skilled: number;
  levelNumber: number | null;
  occupationCode: string | null;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  revokedOn: string | null;
}

export interface TrainingFact {
  personId: string;
  department: string;
  occupationCode: string | null;
  startDate: string;
  channel: string;
  targetGroup: string;
}

/** A training as an institution's output counts it, with the provider key it matched on. */
export interface ProvidedTrainingFact extends OutputTraining {
  providerKey: string;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Reads the holder index person by person, for the county's in-memory figures (progress/CountyModel). */
export class CountyFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async persons(selection: PersonSelection): Promise<PersonFact[]> {
    const [where, params] = restrict(selection, 'm.person_id');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT m.person_id, m.township_code, m.sex, m.birth_year FROM person_master m WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({
      personId: String(r.person_id),
      townshipCode: str(r.township_code),
      sex: str(r.sex),
      birthYear: r.birth_year === null || r.birth_year === undefined ? null : Number(r.birth_year),
    }));
  }

  async holdings(selection: PersonSelection): Promise<HoldingFact[]> {
    const [where, params] = restrict(selection, 'h.person_id');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT h.person_id, h.department, h.kind, h.talent_category, h.skilled, h.level_number, h.occupation_code, h.issued_on, h.valid_until, h.status, h.revoked_on
       FROM holding h WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({
      personId: String(r.person_id),
      department: String(r.department),
      kind: String(r.kind),
      talentCategory: String(r.talent_category),
      skilled: Number(r.skilled),
      levelNumber: r.level_number === null || r.level_number === undefined ? null : Number(r.level_number),
      occupationCode: str(r.occupation_code),
      issuedOn: String(r.issued_on),
      validUntil: str(r.valid_until),
      status: String(r.status) as CertificateStatus,
      revokedOn: str(r.revoked_on),
    }));
  }

  /** Trainings that count as person-times: every outcome but a dropped one. */
  async trainings(selection: PersonSelection): Promise<TrainingFact[]> {
    const [where, params] = restrict(selection, 't.person_id');
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT t.person_id, t.department, t.occupation_code, t.start_date, t.channel, t.target_group FROM training_fact t WHERE ${where} AND t.outcome <> 'DROPPED'`,
      params,
    );
    return rows.map((r) => ({
      personId: String(r.person_id),
      department: String(r.department),
      occupationCode: str(r.occupation_code),
      startDate: String(r.start_date),
      channel: String(r.channel),
      targetGroup: String(r.target_group),
    }));
  }

  /**
   * Trainings of every department whose provider, under institutionKey, is one of `keys` and that started in
   * [from, to], every outcome (a dropped training is still a 人次 given): what institution outputs are counted over.
   */
  async trainingsProvidedBy(keys: readonly string[], from: string, to: string): Promise<ProvidedTrainingFact[]> {
    const out: ProvidedTrainingFact[] = [];
    for (const part of chunks([...new Set(keys)])) {
      const rows: Record<string, unknown>[] = await this.dataSource.query(
        `SELECT t.person_id, t.provider_key, t.occupation_code, t.start_date, t.outcome FROM training_fact t
         WHERE t.provider_key IN (${part.map(() => '?').join(',')}) AND t.start_date >= ? AND t.start_date <= ?`,
        [...part, from, to],
      );
      for (const r of rows) {
        out.push({
          personId: String(r.person_id),
          providerKey: String(r.provider_key),
          occupationCode: str(r.occupation_code),
          startDate: String(r.start_date),
          outcome: String(r.outcome),
        });
      }
    }
    return out;
  }
}

function restrict(selection: PersonSelection, column: string): [string, unknown[]] {
  if ('ids' in selection) {
    if (!selection.ids.length) return ['1 = 0', []];
    return [`${column} IN (${selection.ids.map(() => '?').join(',')})`, [...selection.ids]];
  }
  const parts: string[] = [];
  const params: unknown[] = [];
  if (selection.from !== null) {
    parts.push(`${column} >= ?`);
    params.push(selection.from);
  }
  if (selection.to !== null) {
    parts.push(`${column} < ?`);
    params.push(selection.to);
  }
  return [parts.length ? parts.join(' AND ') : '1 = 1', params];
}
