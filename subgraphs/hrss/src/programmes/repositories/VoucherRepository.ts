import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { keysetPage } from '@hub/subgraph-kit';
import type { Page, PageOf } from '@hub/subgraph-kit';

export const voucherStates = ['ISSUED', 'REGISTERED', 'TRAINED', 'EVALUATED', 'CERTIFIED', 'REDEEMED'] as const;
export type VoucherState = (typeof voucherStates)[number];

export type VoucherStep = 'ISSUE' | 'REGISTER' | 'TRAIN' | 'EVALUATE' | 'EVALUATION_FAILED' | 'CERTIFY' | 'REDEEM';

export interface VoucherRow {
  id: number;
  personId: string;
  occupationCode: string;
  faceValueFen: number;
  issuedOn: string;
  state: VoucherState;
  version: number;
  openKey: string | null;
  trainingId: number | null;
  trainingProvider: string | null;
  trainingProgramme: string | null;
  trainingStartDate: string | null;
  trainedOn: string | null;
  evaluationInstitutionCode: string | null;
  evaluatedOn: string | null;
  certificateDepartment: string | null;
  certificateId: string | null;
  certificateIssuedOn: string | null;
  certifiedOn: string | null;
  redeemedOn: string | null;
  redeemedFen: number | null;
  createdAt: string;
  updatedAt: string;
}

export type NewVoucher = Omit<VoucherRow, 'id'>;

export interface VoucherEventRow {
  id: number;
  voucherId: number;
  step: VoucherStep;
  fromState: VoucherState | null;
  toState: VoucherState;
  at: string;
  actor: string;
  actorRole: string;
  details: string;
}

export type NewVoucherEvent = Omit<VoucherEventRow, 'id'>;

export interface VoucherFilter {
  personId?: string;
  state?: VoucherState;
  occupationCode?: string;
  issuedFrom?: string;
  issuedTo?: string;
}

/** Changes a step writes besides state and version. */
export type VoucherChanges = Partial<Omit<VoucherRow, 'id' | 'personId' | 'state' | 'version' | 'createdAt'>>;

const ints = (row: VoucherRow): VoucherRow => ({
  ...row,
  id: Number(row.id),
  version: Number(row.version),
  faceValueFen: Number(row.faceValueFen),
  trainingId: row.trainingId === null ? null : Number(row.trainingId),
  redeemedFen: row.redeemedFen === null ? null : Number(row.redeemedFen),
});

/** All SQL of training vouchers. Writes take the caller's transaction manager. */
export class VoucherRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, voucher: NewVoucher): Promise<number> {
    const result = await manager.insert('Voucher', voucher);
    return Number(result.identifiers[0].id);
  }

  async byId(id: number, manager?: EntityManager): Promise<VoucherRow | null> {
    const row = await (manager ?? this.dataSource.manager).getRepository<VoucherRow>('Voucher').findOneBy({ id });
    return row ? ints(row) : null;
  }

  async byIds(ids: readonly number[]): Promise<VoucherRow[]> {
    if (!ids.length) return [];
    return (await this.dataSource.getRepository<VoucherRow>('Voucher').findBy({ id: In([...ids]) })).map(ints);
  }

  async byOpenKey(openKey: string): Promise<VoucherRow | null> {
    const row = await this.dataSource.getRepository<VoucherRow>('Voucher').findOneBy({ openKey });
    return row ? ints(row) : null;
  }

  /**
   * Moves a voucher from `from` at `version` to `to`: one conditional UPDATE, so of two
   * concurrent moves only one matches. Returns whether this call moved it.
   */
  async transition(
    manager: EntityManager,
    id: number,
    from: VoucherState,
    version: number,
    to: VoucherState,
    changes: VoucherChanges,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update('Voucher')
      .set({ ...changes, state: to, version: () => 'version + 1', updatedAt: new Date().toISOString() })
      .where('id = :id AND state = :from AND version = :version', { id, from, version })
      .execute();
    return result.affected === 1;
  }

  async appendEvent(manager: EntityManager, event: NewVoucherEvent): Promise<void> {
    await manager.insert('VoucherEvent', event);
  }

  async eventsByVoucherIds(ids: readonly number[]): Promise<VoucherEventRow[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource
      .getRepository<VoucherEventRow>('VoucherEvent')
      .find({ where: { voucherId: In([...ids]) }, order: { id: 'ASC' } });
    return rows.map((r) => ({ ...r, id: Number(r.id), voucherId: Number(r.voucherId) }));
  }

  async page(filter: VoucherFilter, page: Page): Promise<PageOf<VoucherRow>> {
    const build = () => {
      const qb = this.dataSource.getRepository<VoucherRow>('Voucher').createQueryBuilder('v');
      if (filter.personId) qb.andWhere('v.person_id = :personId', { personId: filter.personId });
      if (filter.state) qb.andWhere('v.state = :state', { state: filter.state });
      if (filter.occupationCode) qb.andWhere('v.occupation_code = :occupation', { occupation: filter.occupationCode });
      if (filter.issuedFrom) qb.andWhere('v.issued_on >= :issuedFrom', { issuedFrom: filter.issuedFrom });
      if (filter.issuedTo) qb.andWhere('v.issued_on <= :issuedTo', { issuedTo: filter.issuedTo });
      return qb;
    };
    return keysetPage(build, 'v.id', page, ints);
  }

  /** Vouchers issued in a year, by current state, with the amount redeemed. */
  async summary(year: number): Promise<{ state: VoucherState; vouchers: number; redeemedFen: number }[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT state, COUNT(*) AS vouchers, SUM(COALESCE(redeemed_fen, 0)) AS redeemed FROM voucher
       WHERE issued_on >= ? AND issued_on <= ? GROUP BY state`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    return rows.map((r) => ({
      state: String(r.state) as VoucherState,
      vouchers: Number(r.vouchers),
      redeemedFen: Number(r.redeemed ?? 0),
    }));
  }
}
