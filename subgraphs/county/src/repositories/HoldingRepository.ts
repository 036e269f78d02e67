import type { CertificateGrade, CertificateKind, CertificateStatus, Department } from '@hub/vocabulary';
import type { DataSource } from 'typeorm';

/** One certificate as the county holder index knows it. */
export interface HoldingRow {
  department: Department;
  certificateId: string;
  personId: string;
  kind: CertificateKind;
  /** 1 (一级) … 5 (五级); null for unlevelled kinds. */
  levelNumber: number | null;
  occupationCode: string | null;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  /** First day a withdrawn certificate no longer counts; null when valid or withdrawn without a known date. */
  revokedOn: string | null;
  grade: CertificateGrade | null;
}

const COLUMNS = `department, certificate_id AS certificateId, person_id AS personId, kind, level_number AS levelNumber,
  occupation_code AS occupationCode, issued_on AS issuedOn, valid_until AS validUntil, status, revoked_on AS revokedOn, grade`;

function toRow(r: Record<string, unknown>): HoldingRow {
  return {
    department: String(r.department) as Department,
    certificateId: String(r.certificateId),
    personId: String(r.personId),
    kind: String(r.kind) as CertificateKind,
    levelNumber: r.levelNumber === null || r.levelNumber === undefined ? null : Number(r.levelNumber),
    occupationCode: (r.occupationCode as string | null) ?? null,
    issuedOn: String(r.issuedOn),
    validUntil: (r.validUntil as string | null) ?? null,
    status: String(r.status) as CertificateStatus,
    revokedOn: (r.revokedOn as string | null) ?? null,
    grade: (r.grade as CertificateGrade | null) ?? null,
  };
}

/** Reads certificates from the county holder index (filled from every department's feed). */
export class HoldingRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byRef(department: string, certificateId: string): Promise<HoldingRow | null> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(
      `SELECT ${COLUMNS} FROM holding WHERE department = ? AND certificate_id = ?`,
      [department, certificateId],
    );
    return rows.length ? toRow(rows[0]) : null;
  }

  /** Many certificates by (department, certificateId) in one statement per 200 refs, in the order asked. */
  async byRefs(refs: readonly { department: string; certificateId: string }[]): Promise<(HoldingRow | null)[]> {
    const found = new Map<string, HoldingRow>();
    for (let i = 0; i < refs.length; i += 200) {
      const part = refs.slice(i, i + 200);
      const rows = await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT ${COLUMNS} FROM holding WHERE ${part.map(() => '(department = ? AND certificate_id = ?)').join(' OR ')}`,
        part.flatMap((r) => [r.department, r.certificateId]),
      );
      for (const row of rows.map(toRow)) found.set(`${row.department}/${row.certificateId}`, row);
    }
    return refs.map((r) => found.get(`${r.department}/${r.certificateId}`) ?? null);
  }

  async byPersonIds(personIds: readonly string[]): Promise<HoldingRow[]> {
    if (!personIds.length) return [];
    const out: HoldingRow[] = [];
    for (let i = 0; i < personIds.length; i += 500) {
      const part = personIds.slice(i, i + 500);
      const rows = await this.dataSource.query<Record<string, unknown>[]>(
        `SELECT ${COLUMNS} FROM holding WHERE person_id IN (${part.map(() => '?').join(',')}) ORDER BY issued_on, department, certificate_id`,
        [...part],
      );
      out.push(...rows.map(toRow));
    }
    return out;
  }
}
