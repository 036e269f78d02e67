import { townshipByCode } from '@hub/vocabulary';
import type { AnnualTargetService } from '../ledger/AnnualTargetService';
import type { CountyProgressService } from '../progress/CountyProgressService';

export interface TownshipTargetRow {
  code: string | null;
  name: string;
  holders: number;
  target: number | null;
  ratio: number | null;
}

/** Each township's holders on `asOf` against its HOLDERS target for that year (exact figures: the report's readers see them exact). */
export async function townshipTargetRows(
  progress: Pick<CountyProgressService, 'figures'>,
  targets: Pick<AnnualTargetService, 'book'>,
  asOf: string,
): Promise<TownshipTargetRow[]> {
  const [figures, book] = await Promise.all([progress.figures(asOf), targets.book(Number(asOf.slice(0, 4)))]);
  const rows: TownshipTargetRow[] = figures.byTownship.map((row) => {
    const target = row.key ? book.value({ township: row.key }, 'HOLDERS') : null;
    return { code: row.key, name: row.label, holders: row.holders, target, ratio: target ? row.holders / target : null };
  });
  // A township with a target and no holder yet is a line too: it is the one furthest behind.
  for (const set of book.rows().filter((r) => r.township !== null && r.measure === 'HOLDERS' && r.value !== null)) {
    if (!rows.some((r) => r.code === set.township))
      rows.push({
        code: set.township,
        name: townshipByCode(set.township!)?.name ?? set.township!,
        holders: 0,
        target: set.value,
        ratio: 0,
      });
  }
  return rows;
}
