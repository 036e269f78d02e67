import type { DataSource, EntityManager } from 'typeorm';
import { INSTITUTION_STATUS_VIEW } from '../entities/catalogueTables';

export type InstitutionAction = 'ADMIT' | 'SUSPEND' | 'REINSTATE' | 'EXIT';
export type InstitutionStatus = 'ADMITTED' | 'SUSPENDED' | 'EXITED';

export interface InstitutionRow {
  code: string;
  name: string;
  version: number;
  createdAt: string;
}

export interface InstitutionEventRow {
  id: number;
  institutionCode: string;
  action: InstitutionAction;
  statusAfter: InstitutionStatus;
  effectiveOn: string;
  reason: string;
  at: string;
  actor: string;
  actorRole: string;
}

export type NewInstitutionEvent = Omit<InstitutionEventRow, 'id'>;

export interface InstitutionCurrent {
  code: string;
  name: string;
  status: InstitutionStatus;
  statusSince: string;
  lastAction: InstitutionAction;
}

/** All SQL of the evaluation-institution catalogue. */
export class CatalogueRepository {
  constructor(private readonly dataSource: DataSource) {}

  async institution(code: string, manager?: EntityManager): Promise<InstitutionRow | null> {
    const row = await (manager ?? this.dataSource.manager).getRepository<InstitutionRow>('EvaluationInstitution').findOneBy({ code });
    return row ? { ...row, version: Number(row.version) } : null;
  }

  /** The institution's state in the register: its latest event, through the current-state view. */
  async current(code: string, manager?: EntityManager): Promise<InstitutionCurrent | null> {
    const rows: Record<string, unknown>[] = await (manager ?? this.dataSource.manager).query(
      `SELECT code, name, status, status_since AS statusSince, last_action AS lastAction FROM ${INSTITUTION_STATUS_VIEW} WHERE code = ?`,
      [code],
    );
    if (!rows.length) return null;
    const r = rows[0];
    return {
      code: String(r.code),
      name: String(r.name),
      status: r.status as InstitutionStatus,
      statusSince: String(r.statusSince),
      lastAction: r.lastAction as InstitutionAction,
    };
  }

  async insertInstitution(manager: EntityManager, code: string, name: string): Promise<void> {
    await manager.insert('EvaluationInstitution', { code, name, version: 0, createdAt: new Date().toISOString() });
  }

  /** Claims the right to append the next event: a conditional UPDATE on the institution's version. */
  async bumpVersion(manager: EntityManager, code: string, version: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update('EvaluationInstitution')
      .set({ version: () => 'version + 1' })
      .where('code = :code AND version = :version', { code, version })
      .execute();
    return result.affected === 1;
  }

  async appendEvent(manager: EntityManager, event: NewInstitutionEvent): Promise<void> {
    await manager.insert('EvaluationInstitutionEvent', event);
  }

  async institutions(): Promise<InstitutionRow[]> {
    return this.dataSource.getRepository<InstitutionRow>('EvaluationInstitution').find({ order: { code: 'ASC' } });
  }

  /** Every event, oldest first within each institution; the catalogue is small (tens to hundreds of rows). */
  async events(codes?: readonly string[]): Promise<InstitutionEventRow[]> {
    const qb = this.dataSource.getRepository<InstitutionEventRow>('EvaluationInstitutionEvent').createQueryBuilder('e');
    if (codes) {
      if (!codes.length) return [];
      qb.where('e.institution_code IN (:...codes)', { codes: [...codes] });
    }
    const rows = await qb.orderBy('e.institution_code', 'ASC').addOrderBy('e.effective_on', 'ASC').addOrderBy('e.id', 'ASC').getMany();
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }
}
