import type { DataSource, EntityManager } from 'typeorm';
import { keysetPage } from '@hub/subgraph-kit';
import type { Page, PageOf } from '@hub/subgraph-kit';
import type { SubsidyProgramme } from '../subsidies/subsidyRules';

export type FundDirection = 'IN' | 'OUT';

export interface FundEntryRow {
  id: number;
  programme: SubsidyProgramme;
  year: number;
  amountFen: number;
  direction: FundDirection;
  payee: string | null;
  who: string;
  role: string;
  why: string;
  reference: string | null;
  at: string;
}

export interface FundTotalRow {
  programme: SubsidyProgramme;
  year: number;
  inFen: number;
  outFen: number;
  entries: number;
}

const toRow = (r: FundEntryRow): FundEntryRow => ({ ...r, id: Number(r.id), year: Number(r.year), amountFen: Number(r.amountFen) });

export interface FundBalanceRow {
  programme: SubsidyProgramme;
  year: number;
  inFen: number;
  outFen: number;
}

/**
 * The append-only fund ledger (inserts and reads, no update or delete) and its running sums per programme
 * and year in fund_balance, through which every entry passes: a payment only while the allocation covers it.
 */
export class FundLedgerRepository {
  constructor(
    private readonly dataSource: DataSource,
    /** Pay beyond the allocation (HUB_FUND_OVERDRAFT=allow); the default refuses. */
    readonly allowOverdraft = false,
  ) {}

  /**
   * Writes an entry and moves the programme-year's running sums, in the caller's transaction. An OUT entry
   * the allocation does not cover writes nothing and returns false: one conditional UPDATE decides, under
   * MySQL's row lock or SQLite's single writer, so two concurrent payments cannot both spend the last of it.
   */
  async append(manager: EntityManager, entry: Omit<FundEntryRow, 'id' | 'at'>): Promise<boolean> {
    const at = new Date().toISOString();
    const qb = manager
      .createQueryBuilder()
      .update('FundBalance')
      .where('programme = :programme AND year = :year', { programme: entry.programme, year: entry.year });
    if (entry.direction === 'IN') qb.set({ inFen: () => 'in_fen + :amount', updatedAt: at });
    else {
      qb.set({ outFen: () => 'out_fen + :amount', updatedAt: at });
      if (!this.allowOverdraft) qb.andWhere('in_fen - out_fen >= :amount');
    }
    const moved = await qb.setParameter('amount', entry.amountFen).execute();
    if (moved.affected !== 1) return false;
    await manager.insert('FundEntry', { ...entry, at });
    return true;
  }

  /** Creates the programme-year's running sums at zero before the first entry (own short transaction: see EmploymentSubsidyService). */
  async ensureBalance(manager: EntityManager, programme: SubsidyProgramme, year: number): Promise<void> {
    if (await manager.getRepository('FundBalance').findOneBy({ programme, year })) return;
    await manager.insert('FundBalance', { programme, year, inFen: 0, outFen: 0, updatedAt: new Date().toISOString() });
  }

  async balance(programme: SubsidyProgramme, year: number, manager?: EntityManager): Promise<FundBalanceRow> {
    const row = await (manager ?? this.dataSource.manager).getRepository<FundBalanceRow>('FundBalance').findOneBy({ programme, year });
    return { programme, year, inFen: Number(row?.inFen ?? 0), outFen: Number(row?.outFen ?? 0) };
  }

  async totals(filter: { programme?: SubsidyProgramme; year?: number }): Promise<FundTotalRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.programme) {
      where.push('programme = ?');
      params.push(filter.programme);
    }
    if (filter.year !== undefined) {
      where.push('year = ?');
      params.push(filter.year);
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT programme, year,
         SUM(CASE WHEN direction = 'IN' THEN amount_fen ELSE 0 END) AS in_fen,
         SUM(CASE WHEN direction = 'OUT' THEN amount_fen ELSE 0 END) AS out_fen,
         COUNT(*) AS entries
       FROM fund_entry ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY programme, year ORDER BY year, programme`,
      params,
    );
    return rows.map((r) => ({
      programme: r.programme as SubsidyProgramme,
      year: Number(r.year),
      inFen: Number(r.in_fen ?? 0),
      outFen: Number(r.out_fen ?? 0),
      entries: Number(r.entries),
    }));
  }

  async page(filter: { programme?: SubsidyProgramme; year?: number }, page: Page): Promise<PageOf<FundEntryRow>> {
    const build = () => {
      const qb = this.dataSource.getRepository<FundEntryRow>('FundEntry').createQueryBuilder('f');
      if (filter.programme) qb.andWhere('f.programme = :programme', { programme: filter.programme });
      if (filter.year !== undefined) qb.andWhere('f.year = :year', { year: filter.year });
      return qb;
    };
    return keysetPage(build, 'f.id', page, toRow);
  }
}
