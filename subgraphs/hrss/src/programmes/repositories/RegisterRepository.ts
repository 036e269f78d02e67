import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseSizeClass } from '@hub/vocabulary';

export type SizeClass = EnterpriseSizeClass;

export interface EnterpriseRow {
  creditCode: string;
  name: string;
  sizeClass: SizeClass;
  employees: number | null;
  townshipCode: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface EnterpriseEventRow {
  id: number;
  creditCode: string;
  action: 'REGISTER' | 'CORRECT';
  snapshot: string;
  reason: string;
  at: string;
  actor: string;
  actorRole: string;
}

/** An hrss certificate as 企业自主评价 coverage needs it. */
export interface EvaluatedCertificate {
  personId: string;
  evaluationInstitution: string;
  status: string;
  issuedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
}

export interface TrainingInstitutionRow {
  code: string;
  name: string;
  creditCode: string | null;
  createdAt: string;
}

export interface SelectionRow {
  id: number;
  institutionCode: string;
  year: number;
  action: 'SELECT' | 'WITHDRAW';
  reason: string;
  at: string;
  actor: string;
  actorRole: string;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** All SQL of hrss's two registers: enterprises and social training institutions. */
export class RegisterRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async enterprise(creditCode: string, manager?: EntityManager): Promise<EnterpriseRow | null> {
    const row = await this.m(manager).getRepository<EnterpriseRow>('Enterprise').findOneBy({ creditCode });
    return row ? { ...row, version: Number(row.version), employees: row.employees === null ? null : Number(row.employees) } : null;
  }

  async enterprises(filter: { sizeClass?: SizeClass | null; nameContains?: string | null }): Promise<EnterpriseRow[]> {
    const qb = this.dataSource.getRepository<EnterpriseRow>('Enterprise').createQueryBuilder('e');
    if (filter.sizeClass) qb.andWhere('e.size_class = :size', { size: filter.sizeClass });
    if (filter.nameContains) qb.andWhere('e.name LIKE :name', { name: `%${filter.nameContains.replace(/[%_\\]/g, (c) => `\\${c}`)}%` });
    const rows = await qb.orderBy('e.credit_code', 'ASC').getMany();
    return rows.map((r) => ({ ...r, version: Number(r.version), employees: r.employees === null ? null : Number(r.employees) }));
  }

  async insertEnterprise(manager: EntityManager, row: Omit<EnterpriseRow, 'version'>): Promise<void> {
    await manager.insert('Enterprise', { ...row, version: 1 });
  }

  /** Writes the corrected facts if nobody changed the enterprise since `version` was read. */
  async updateEnterprise(manager: EntityManager, row: Omit<EnterpriseRow, 'createdAt' | 'version'>, version: number): Promise<boolean> {
    const { creditCode, ...facts } = row;
    const result = await manager
      .createQueryBuilder()
      .update('Enterprise')
      .set({ ...facts, version: () => 'version + 1' })
      .where('credit_code = :creditCode AND version = :version', { creditCode, version })
      .execute();
    return result.affected === 1;
  }

  async appendEnterpriseEvent(manager: EntityManager, event: Omit<EnterpriseEventRow, 'id'>): Promise<void> {
    await manager.insert('EnterpriseEvent', event);
  }

  async enterpriseEvents(codes: readonly string[]): Promise<EnterpriseEventRow[]> {
    if (!codes.length) return [];
    const rows = await this.dataSource
      .getRepository<EnterpriseEventRow>('EnterpriseEvent')
      .createQueryBuilder('e')
      .where('e.credit_code IN (:...codes)', { codes: [...codes] })
      .orderBy('e.id', 'ASC')
      .getMany();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  /** hrss certificates whose evaluation institution is written as one of `evaluators` (credit codes or names). */
  async certificatesEvaluatedBy(evaluators: readonly string[]): Promise<EvaluatedCertificate[]> {
    if (!evaluators.length) return [];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT person_id, evaluation_institution, status, issued_on, valid_until, revoked_on FROM certificate
       WHERE evaluation_institution IN (${evaluators.map(() => '?').join(', ')})`,
      [...evaluators],
    );
    return rows.map((r) => ({
      personId: String(r.person_id),
      evaluationInstitution: String(r.evaluation_institution),
      status: String(r.status),
      issuedOn: String(r.issued_on),
      validUntil: str(r.valid_until),
      revokedOn: str(r.revoked_on),
    }));
  }

  async trainingInstitution(code: string, manager?: EntityManager): Promise<TrainingInstitutionRow | null> {
    return this.m(manager).getRepository<TrainingInstitutionRow>('TrainingInstitution').findOneBy({ code });
  }

  async trainingInstitutions(): Promise<TrainingInstitutionRow[]> {
    return this.dataSource.getRepository<TrainingInstitutionRow>('TrainingInstitution').find({ order: { code: 'ASC' } });
  }

  async insertTrainingInstitution(manager: EntityManager, row: TrainingInstitutionRow): Promise<void> {
    await manager.insert('TrainingInstitution', row);
  }

  async renameTrainingInstitution(manager: EntityManager, code: string, name: string, creditCode: string | null): Promise<void> {
    await manager.update('TrainingInstitution', { code }, { name, creditCode });
  }

  async appendSelection(manager: EntityManager, row: Omit<SelectionRow, 'id'>): Promise<void> {
    await manager.insert('TrainingInstitutionSelection', row);
  }

  /** Selection decisions of a year (all years when null), oldest first. */
  async selections(year: number | null): Promise<SelectionRow[]> {
    const qb = this.dataSource.getRepository<SelectionRow>('TrainingInstitutionSelection').createQueryBuilder('s');
    if (year !== null) qb.where('s.year = :year', { year });
    const rows = await qb.orderBy('s.id', 'ASC').getMany();
    return rows.map((r) => ({ ...r, id: Number(r.id), year: Number(r.year) }));
  }
}
