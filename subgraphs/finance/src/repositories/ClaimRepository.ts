import type { Department } from '@hub/vocabulary';
import type { DataSource, EntityManager } from 'typeorm';
import { keysetPage } from '@hub/subgraph-kit';
import type { Page, PageOf } from '@hub/subgraph-kit';
import type { SubsidyProgramme } from '../subsidies/subsidyRules';

export interface EvaluationClaimRow {
  id: number;
  personId: string;
  occupationCode: string;
  level: string;
  institutionCode: string;
  evaluatedOn: string;
  amountFen: number;
  certificateDepartment: Department;
  certificateId: string;
  certificateIssuedOn: string;
  claimedBy: string;
  claimedRole: string;
  claimedAt: string;
}

export interface EmploymentClaimRow {
  id: number;
  programme: SubsidyProgramme;
  claimantCode: string;
  claimantName: string;
  employerName: string;
  personId: string;
  hiredOn: string;
  employedThrough: string;
  insuredMonths: number;
  year: number;
  amountFen: number;
  certificateDepartment: Department;
  certificateId: string;
  claimedBy: string;
  claimedRole: string;
  claimedAt: string;
}

/** Hiring subsidies paid to one employer over all years (the cap is cumulative). */
export interface EmployerHiringTotalRow {
  employerCode: string;
  totalFen: number;
  claims: number;
  updatedAt: string;
}

const evaluationRow = (r: EvaluationClaimRow): EvaluationClaimRow => ({ ...r, id: Number(r.id), amountFen: Number(r.amountFen) });
const employmentRow = (r: EmploymentClaimRow): EmploymentClaimRow => ({
  ...r,
  id: Number(r.id),
  insuredMonths: Number(r.insuredMonths),
  year: Number(r.year),
  amountFen: Number(r.amountFen),
});

/** All SQL of subsidy claims and the per-employer running totals. */
export class ClaimRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertEvaluation(manager: EntityManager, claim: Omit<EvaluationClaimRow, 'id'>): Promise<number> {
    return Number((await manager.insert('EvaluationSubsidyClaim', claim)).identifiers[0].id);
  }

  async evaluationById(id: number): Promise<EvaluationClaimRow | null> {
    const row = await this.dataSource.getRepository<EvaluationClaimRow>('EvaluationSubsidyClaim').findOneBy({ id });
    return row ? evaluationRow(row) : null;
  }

  async evaluationFor(personId: string, occupationCode: string, level: string): Promise<EvaluationClaimRow | null> {
    const row = await this.dataSource
      .getRepository<EvaluationClaimRow>('EvaluationSubsidyClaim')
      .findOneBy({ personId, occupationCode, level });
    return row ? evaluationRow(row) : null;
  }

  async evaluationPage(filter: { institutionCode?: string; personId?: string }, page: Page): Promise<PageOf<EvaluationClaimRow>> {
    const build = () => {
      const qb = this.dataSource.getRepository<EvaluationClaimRow>('EvaluationSubsidyClaim').createQueryBuilder('c');
      if (filter.institutionCode) qb.andWhere('c.institution_code = :institution', { institution: filter.institutionCode });
      if (filter.personId) qb.andWhere('c.person_id = :personId', { personId: filter.personId });
      return qb;
    };
    return keysetPage(build, 'c.id', page, evaluationRow);
  }

  async insertEmployment(manager: EntityManager, claim: Omit<EmploymentClaimRow, 'id'>): Promise<number> {
    return Number((await manager.insert('EmploymentSubsidyClaim', claim)).identifiers[0].id);
  }

  async employmentById(id: number): Promise<EmploymentClaimRow | null> {
    const row = await this.dataSource.getRepository<EmploymentClaimRow>('EmploymentSubsidyClaim').findOneBy({ id });
    return row ? employmentRow(row) : null;
  }

  async employmentFor(programme: SubsidyProgramme, claimantCode: string, personId: string): Promise<EmploymentClaimRow | null> {
    const row = await this.dataSource
      .getRepository<EmploymentClaimRow>('EmploymentSubsidyClaim')
      .findOneBy({ programme, claimantCode, personId });
    return row ? employmentRow(row) : null;
  }

  async employmentPage(
    filter: { programme?: SubsidyProgramme; claimantCode?: string; year?: number },
    page: Page,
  ): Promise<PageOf<EmploymentClaimRow>> {
    const build = () => {
      const qb = this.dataSource.getRepository<EmploymentClaimRow>('EmploymentSubsidyClaim').createQueryBuilder('c');
      if (filter.programme) qb.andWhere('c.programme = :programme', { programme: filter.programme });
      if (filter.claimantCode) qb.andWhere('c.claimant_code = :claimant', { claimant: filter.claimantCode });
      if (filter.year !== undefined) qb.andWhere('c.year = :year', { year: filter.year });
      return qb;
    };
    return keysetPage(build, 'c.id', page, employmentRow);
  }

  async employerTotal(employerCode: string, manager?: EntityManager): Promise<EmployerHiringTotalRow | null> {
    const row = await (manager ?? this.dataSource.manager)
      .getRepository<EmployerHiringTotalRow>('EmployerHiringTotal')
      .findOneBy({ employerCode });
    return row ? { ...row, totalFen: Number(row.totalFen), claims: Number(row.claims) } : null;
  }

  /** Creates the employer's running total at zero; a row that exists already is left alone. */
  async insertEmployerTotal(manager: EntityManager, employerCode: string): Promise<void> {
    await manager.insert('EmployerHiringTotal', { employerCode, totalFen: 0, claims: 0, updatedAt: new Date().toISOString() });
  }

  /**
   * Adds a payment to the employer's running total (all years) only if the total stays within the cap:
   * one conditional UPDATE, which MySQL runs under the row's lock and SQLite under its single writer.
   */
  async addWithinCap(manager: EntityManager, employerCode: string, amountFen: number, capFen: number): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update('EmployerHiringTotal')
      .set({ totalFen: () => 'total_fen + :amount', claims: () => 'claims + 1', updatedAt: new Date().toISOString() })
      .where('employer_code = :employerCode AND total_fen + :amount <= :cap', { employerCode, cap: capFen })
      .setParameter('amount', amountFen)
      .execute();
    return result.affected === 1;
  }
}
