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

/** The append-only fund ledger: this class inserts and reads, and has no update or delete. */
export class FundLedgerRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, entry: Omit<FundEntryRow, 'id' | 'at'>): Promise<void> {
    await manager.insert('FundEntry', { ...entry, at: new Date().toISOString() });
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
    return rows.map((r) => ({ programme: r.programme as SubsidyProgramme, year: Number(r.year), inFen: Number(r.in_fen ?? 0), outFen: Number(r.out_fen ?? 0), entries: Number(r.entries) }));
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
