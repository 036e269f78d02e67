import type { DataSource } from 'typeorm';
import { departments, Department, Sex, trainingChannels } from '@hub/vocabulary';

/**
 * The data-quality lists over the county holder index. Every list is keyset-paginated by a string key
 * and can be narrowed to what one department has (its staff see only that).
 */

/** One department's copy of a person, as its change feed last described them. */
export interface PersonCopyRow {
  personId: string;
  department: Department;
  name: string;
  idNumberMasked: string;
  sex: Sex;
  birthYear: number | null;
  townshipCode: string | null;
  updatedAt: string;
}

export interface HoldingQualityRow {
  department: Department;
  certificateId: string;
  certificateNumber: string | null;
  personId: string;
  kind: string;
  issuedOn: string;
  status: string;
}

export interface TrainingQualityRow {
  department: Department;
  trainingId: string;
  personId: string;
  channel: string;
  targetGroup: string;
  startDate: string;
}

export interface RefusalRow {
  department: Department;
  importedAt: string;
  file: string;
  position: number;
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface QualityCounts {
  department: Department;
  personConflicts: number;
  repeatedCertificateNumbers: number;
  unattributedTrainings: number;
  unattributedCertificates: number;
  undatedWithdrawals: number;
  refusedRows: number;
  lastImportAt: string | null;
  lastImportFile: string | null;
}

export interface KeyPage<T> {
  rows: T[];
  hasNextPage: boolean;
  /** The key of each row, for its cursor. */
  keyOf: (row: T) => string;
}

/** Persons whose departments disagree: names, sex, birth year or (known) township differ. NULLs are not counted. */
const CONFLICT_PERSONS = `SELECT person_id FROM person_seen GROUP BY person_id
  HAVING COUNT(DISTINCT name) > 1 OR COUNT(DISTINCT sex) > 1 OR COUNT(DISTINCT birth_year) > 1 OR COUNT(DISTINCT township_code) > 1`;

/** Certificate numbers that more than one department has recorded. */
const REPEATED_NUMBERS = `SELECT certificate_number FROM holding WHERE certificate_number IS NOT NULL
  GROUP BY certificate_number HAVING COUNT(DISTINCT department) > 1`;

/**
 * A training that cannot be put under a target group (其他) or a plan channel. The channel list is the
 * vocabulary's: a feed may carry a value this hub does not know.
 */
const UNATTRIBUTED_TRAINING = `(t.target_group = 'OTHER' OR t.channel NOT IN (${trainingChannels.map((c) => `'${c}'`).join(', ')}))`;

/**
 * A certificate the progress ledger cannot put under a training channel: the department has no training of
 * the person (not dropped) that started on or before the issue date (the ledger's attribution rule).
 */
const FIRST_TRAINING = `SELECT department, person_id, MIN(start_date) AS first_start FROM training_fact WHERE outcome <> 'DROPPED' GROUP BY department, person_id`;
const UNATTRIBUTED_CERTIFICATE = `(ft.first_start IS NULL OR ft.first_start > h.issued_on)`;

/** Withdrawn without a date: a status other than VALID and no revocation date. */
const UNDATED_WITHDRAWAL = `(h.status IS NOT NULL AND h.status <> 'VALID' AND h.revoked_on IS NULL)`;

/** The refused rows of each department's last import. */
const LAST_IMPORTS = `SELECT department, MAX(seq) AS seq FROM import_run GROUP BY department`;

const str = (v: unknown): string | null =>
  v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
const date = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

function holdingRow(r: Record<string, unknown>): HoldingQualityRow {
  return {
    department: String(r.department) as Department,
    certificateId: String(r.certificate_id),
    certificateNumber: str(r.certificate_number),
    personId: String(r.person_id),
    kind: String(r.kind),
    issuedOn: date(r.issued_on),
    status: String(r.status ?? 'VALID'),
  };
}

const HOLDING_COLUMNS = 'h.department, h.certificate_id, h.certificate_number, h.person_id, h.kind, h.issued_on, h.status';

export class DataQualityRepository {
  constructor(private readonly dataSource: DataSource) {}

  private query(sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(sql, parameters);
  }

  private page<T>(rows: T[], first: number, keyOf: (row: T) => string): KeyPage<T> {
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, keyOf };
  }

  /** Persons in conflict (of whom `department` has a copy, when given), by person id. */
  async conflictPersons(department: Department | undefined, first: number, after?: string): Promise<KeyPage<string>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (department) {
      where.push('c.person_id IN (SELECT person_id FROM person_seen WHERE department = ?)');
      params.push(department);
    }
    if (after) {
      where.push('c.person_id > ?');
      params.push(after);
    }
    const rows = await this.query(
      `SELECT c.person_id FROM (${CONFLICT_PERSONS}) c ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.person_id LIMIT ?`,
      [...params, first + 1],
    );
    return this.page(
      rows.map((r) => String(r.person_id)),
      first,
      (id) => id,
    );
  }

  async personCopies(personIds: string[]): Promise<PersonCopyRow[]> {
    if (!personIds.length) return [];
    const rows = await this.query(
      `SELECT person_id, department, name, id_number_masked, sex, birth_year, township_code, updated_at FROM person_seen
       WHERE person_id IN (${personIds.map(() => '?').join(',')}) ORDER BY person_id, department`,
      personIds,
    );
    return rows.map((r) => ({
      personId: String(r.person_id),
      department: String(r.department) as Department,
      name: String(r.name),
      idNumberMasked: String(r.id_number_masked),
      sex: String(r.sex) as Sex, // the departments' person rows derive it from the ID number: MALE or FEMALE
      birthYear: r.birth_year === null || r.birth_year === undefined ? null : Number(r.birth_year),
      townshipCode: str(r.township_code),
      updatedAt: String(r.updated_at),
    }));
  }

  /** Certificate numbers held by more than one department (one that `department` holds, when given). */
  async repeatedNumbers(department: Department | undefined, first: number, after?: string): Promise<KeyPage<string>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (department) {
      where.push(
        'n.certificate_number IN (SELECT certificate_number FROM holding WHERE department = ? AND certificate_number IS NOT NULL)',
      );
      params.push(department);
    }
    if (after) {
      where.push('n.certificate_number > ?');
      params.push(after);
    }
    const rows = await this.query(
      `SELECT n.certificate_number FROM (${REPEATED_NUMBERS}) n ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.certificate_number LIMIT ?`,
      [...params, first + 1],
    );
    return this.page(
      rows.map((r) => String(r.certificate_number)),
      first,
      (n) => n,
    );
  }

  async holdingsByNumbers(numbers: string[]): Promise<HoldingQualityRow[]> {
    if (!numbers.length) return [];
    const rows = await this.query(
      `SELECT ${HOLDING_COLUMNS} FROM holding h WHERE h.certificate_number IN (${numbers.map(() => '?').join(',')}) ORDER BY h.certificate_number, h.department, h.certificate_id`,
      numbers,
    );
    return rows.map(holdingRow);
  }

  /** Department + record id: the keyset key of the per-record lists. */
  private static recordKey(department: string, id: string): string {
    return `${department}|${id}`;
  }

  private static keyed(
    alias: string,
    idColumn: string,
    department: Department | undefined,
    after: string | undefined,
  ): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    if (department) {
      where.push(`${alias}.department = ?`);
      params.push(department);
    }
    if (after) {
      const cut = after.indexOf('|');
      where.push(`(${alias}.department > ? OR (${alias}.department = ? AND ${alias}.${idColumn} > ?))`);
      params.push(after.slice(0, cut), after.slice(0, cut), after.slice(cut + 1));
    }
    return { where, params };
  }

  async unattributedTrainings(department: Department | undefined, first: number, after?: string): Promise<KeyPage<TrainingQualityRow>> {
    const { where, params } = DataQualityRepository.keyed('t', 'training_id', department, after);
    const rows = await this.query(
      `SELECT t.department, t.training_id, t.person_id, t.channel, t.target_group, t.start_date FROM training_fact t
       WHERE ${[UNATTRIBUTED_TRAINING, ...where].join(' AND ')} ORDER BY t.department, t.training_id LIMIT ?`,
      [...params, first + 1],
    );
    return this.page(
      rows.map((r) => ({
        department: String(r.department) as Department,
        trainingId: String(r.training_id),
        personId: String(r.person_id),
        channel: String(r.channel),
        targetGroup: String(r.target_group),
        startDate: date(r.start_date),
      })),
      first,
      (t) => DataQualityRepository.recordKey(t.department, t.trainingId),
    );
  }

  async unattributedCertificates(department: Department | undefined, first: number, after?: string): Promise<KeyPage<HoldingQualityRow>> {
    const { where, params } = DataQualityRepository.keyed('h', 'certificate_id', department, after);
    const rows = await this.query(
      `SELECT ${HOLDING_COLUMNS} FROM holding h LEFT JOIN (${FIRST_TRAINING}) ft ON ft.department = h.department AND ft.person_id = h.person_id
       WHERE ${[UNATTRIBUTED_CERTIFICATE, ...where].join(' AND ')} ORDER BY h.department, h.certificate_id LIMIT ?`,
      [...params, first + 1],
    );
    return this.page(rows.map(holdingRow), first, (h) => DataQualityRepository.recordKey(h.department, h.certificateId));
  }

  async undatedWithdrawals(department: Department | undefined, first: number, after?: string): Promise<KeyPage<HoldingQualityRow>> {
    const { where, params } = DataQualityRepository.keyed('h', 'certificate_id', department, after);
    const rows = await this.query(
      `SELECT ${HOLDING_COLUMNS} FROM holding h WHERE ${[UNDATED_WITHDRAWAL, ...where].join(' AND ')} ORDER BY h.department, h.certificate_id LIMIT ?`,
      [...params, first + 1],
    );
    return this.page(rows.map(holdingRow), first, (h) => DataQualityRepository.recordKey(h.department, h.certificateId));
  }

  async lastImportRefusals(department: Department | undefined, first: number, after?: string): Promise<KeyPage<RefusalRow>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (department) {
      where.push('r.department = ?');
      params.push(department);
    }
    if (after) {
      const cut = after.indexOf('|');
      where.push('(r.department > ? OR (r.department = ? AND r.position > ?))');
      params.push(after.slice(0, cut), after.slice(0, cut), Number(after.slice(cut + 1)));
    }
    const rows = await this.query(
      `SELECT r.department, i.at, i.file, r.position, r.refused_row, r.column_label, r.cell_value, r.reason
       FROM import_refusal r JOIN (${LAST_IMPORTS}) last ON last.department = r.department AND last.seq = r.seq
       JOIN import_run i ON i.department = r.department AND i.seq = r.seq
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.department, r.position LIMIT ?`,
      [...params, first + 1],
    );
    return this.page(
      rows.map((r) => ({
        department: String(r.department) as Department,
        importedAt: String(r.at),
        file: String(r.file),
        position: Number(r.position),
        row: Number(r.refused_row),
        column: String(r.column_label),
        value: String(r.cell_value),
        reason: String(r.reason),
      })),
      first,
      (r) => `${r.department}|${r.position}`,
    );
  }

  /** The counts of every list per department (of the given departments). */
  async counts(scope: readonly Department[]): Promise<QualityCounts[]> {
    const byDepartment = async (sql: string): Promise<Map<string, number>> =>
      new Map((await this.query(sql, [])).map((r) => [String(r.department), Number(r.n)]));
    const [conflicts, repeated, trainings, certificates, withdrawals] = await Promise.all([
      byDepartment(
        `SELECT s.department, COUNT(*) AS n FROM person_seen s JOIN (${CONFLICT_PERSONS}) c ON c.person_id = s.person_id GROUP BY s.department`,
      ),
      byDepartment(
        `SELECT h.department, COUNT(DISTINCT h.certificate_number) AS n FROM holding h JOIN (${REPEATED_NUMBERS}) n ON n.certificate_number = h.certificate_number GROUP BY h.department`,
      ),
      byDepartment(`SELECT t.department, COUNT(*) AS n FROM training_fact t WHERE ${UNATTRIBUTED_TRAINING} GROUP BY t.department`),
      byDepartment(
        `SELECT h.department, COUNT(*) AS n FROM holding h LEFT JOIN (${FIRST_TRAINING}) ft ON ft.department = h.department AND ft.person_id = h.person_id
         WHERE ${UNATTRIBUTED_CERTIFICATE} GROUP BY h.department`,
      ),
      byDepartment(`SELECT h.department, COUNT(*) AS n FROM holding h WHERE ${UNDATED_WITHDRAWAL} GROUP BY h.department`),
    ]);
    const imports = new Map(
      (
        await this.query(
          `SELECT i.department, i.at, i.file, i.refused_total FROM import_run i JOIN (${LAST_IMPORTS}) last ON last.department = i.department AND last.seq = i.seq`,
          [],
        )
      ).map((r) => [String(r.department), { at: String(r.at), file: String(r.file), refused: Number(r.refused_total) }]),
    );
    return departments
      .filter((d) => scope.includes(d))
      .map((department) => ({
        department,
        personConflicts: conflicts.get(department) ?? 0,
        repeatedCertificateNumbers: repeated.get(department) ?? 0,
        unattributedTrainings: trainings.get(department) ?? 0,
        unattributedCertificates: certificates.get(department) ?? 0,
        undatedWithdrawals: withdrawals.get(department) ?? 0,
        refusedRows: imports.get(department)?.refused ?? 0,
        lastImportAt: imports.get(department)?.at ?? null,
        lastImportFile: imports.get(department)?.file ?? null,
      }));
  }
}
