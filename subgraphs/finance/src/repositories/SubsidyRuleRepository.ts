import type { DataSource, EntityManager } from 'typeorm';
import type { SubsidyProgramme } from '../subsidies/subsidyRules';

export interface SubsidyRuleRow {
  id: number;
  programme: SubsidyProgramme;
  ruleKey: string;
  amountFen: number | null;
  months: number | null;
  validFrom: string;
  validTo: string | null;
  clause: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

const toRow = (r: SubsidyRuleRow): SubsidyRuleRow => ({
  ...r,
  id: Number(r.id),
  amountFen: r.amountFen === null ? null : Number(r.amountFen),
  months: r.months === null ? null : Number(r.months),
});

/** All SQL of the subsidy rules (amounts, caps, conditions with effective dates). */
export class SubsidyRuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every rule of a programme in force on a date, keyed by rule key. */
  async inForce(programme: SubsidyProgramme, date: string): Promise<Map<string, SubsidyRuleRow>> {
    const rows = await this.dataSource
      .getRepository<SubsidyRuleRow>('SubsidyRule')
      .createQueryBuilder('r')
      .where('r.programme = :programme AND r.valid_from <= :date AND (r.valid_to IS NULL OR r.valid_to >= :date)', { programme, date })
      .getMany();
    return new Map(rows.map((r) => [r.ruleKey, toRow(r)]));
  }

  async list(filter: { programme?: SubsidyProgramme; asOf?: string }): Promise<SubsidyRuleRow[]> {
    const qb = this.dataSource.getRepository<SubsidyRuleRow>('SubsidyRule').createQueryBuilder('r');
    if (filter.programme) qb.andWhere('r.programme = :programme', { programme: filter.programme });
    if (filter.asOf) qb.andWhere('r.valid_from <= :asOf AND (r.valid_to IS NULL OR r.valid_to >= :asOf)', { asOf: filter.asOf });
    const rows = await qb.orderBy('r.programme', 'ASC').addOrderBy('r.rule_key', 'ASC').addOrderBy('r.valid_from', 'ASC').getMany();
    return rows.map(toRow);
  }

  /** The rule without an end date, i.e. the latest one. */
  async open(programme: SubsidyProgramme, ruleKey: string): Promise<SubsidyRuleRow | null> {
    const row = await this.dataSource
      .getRepository<SubsidyRuleRow>('SubsidyRule')
      .createQueryBuilder('r')
      .where('r.programme = :programme AND r.rule_key = :ruleKey AND r.valid_to IS NULL', { programme, ruleKey })
      .getOne();
    return row ? toRow(row) : null;
  }

  /** Ends the open rule the day before its successor starts; false when someone else ended it first. */
  async close(manager: EntityManager, id: number, validTo: string): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update('SubsidyRule')
      .set({ validTo })
      .where('id = :id AND valid_to IS NULL', { id })
      .execute();
    return result.affected === 1;
  }

  async insert(manager: EntityManager, rule: Omit<SubsidyRuleRow, 'id'>): Promise<number> {
    const result = await manager.insert('SubsidyRule', rule);
    return Number(result.identifiers[0].id);
  }

  async byId(id: number): Promise<SubsidyRuleRow | null> {
    const row = await this.dataSource.getRepository<SubsidyRuleRow>('SubsidyRule').findOneBy({ id });
    return row ? toRow(row) : null;
  }
}
