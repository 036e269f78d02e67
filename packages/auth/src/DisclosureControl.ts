import type { Department } from '@hub/vocabulary';
import { may } from './authorize';
import {
  addKeys,
  CellKeyParameters,
  cellKeyParameters,
  definitionKey,
  KeyedCount,
  perturbationTable,
  perturbRecords,
  recordKey,
} from './cellKey';
import type { Principal } from './Principal';

const isoOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
const parts = (iso: string) => ({ y: Number(iso.slice(0, 4)), m: Number(iso.slice(5, 7)) - 1, d: Number(iso.slice(8, 10)) });

/** The last day of the month before `iso`'s, unless `iso` is itself a month end. */
export function completedMonthEnd(iso: string): string {
  const { y, m, d } = parts(iso);
  const end = isoOf(y, m + 1, 0);
  return Number(end.slice(8, 10)) === d ? end : isoOf(y, m, 0);
}

/**
 * 披露控制 What one caller may see of an aggregate: exact figures for the roles that may see records anyway,
 * the cell-key method (cellKey.ts) for analysts and dashboards. Every resolver of an aggregate publishes its
 * counts through this, and nothing else; docs/disclosure-control.md says what it guarantees.
 */
export class DisclosureControl {
  constructor(
    /** True for county administrators, the service, and department staff on their own department's figures. */
    readonly exact: boolean,
    private readonly secret: Buffer,
    readonly params: CellKeyParameters = cellKeyParameters,
    /** Today (UTC), for the month in progress. */
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  /** A count of persons, or of records when their persons are not counted with them. */
  count(count: KeyedCount): number {
    return this.exact ? count.n : perturbationTable(count.n, count.cellKey, this.params);
  }

  /** A set of persons given by their ids (the cell key is made from them here). */
  persons(personIds: Iterable<string>): number {
    const ids = [...new Set(personIds)];
    if (this.exact) return ids.length;
    let cellKey = 0;
    for (const id of ids) {
      let key = this.keys.get(id);
      if (key === undefined) this.keys.set(id, (key = recordKey(this.secret, id)));
      cellKey = addKeys(cellKey, key);
    }
    return perturbationTable(ids.length, cellKey, this.params);
  }

  /** Record keys met by this control (one per request), so that many overlapping sets hash each person once. */
  private readonly keys = new Map<string, number>();

  /** A count of persons' records (certificates, trainings) in a cell, with the cell's persons. */
  records(records: KeyedCount, persons: KeyedCount): number {
    return this.exact ? records.n : perturbRecords(records, persons, this.params);
  }

  /**
   * A count whose persons are not at hand (summed in SQL): its cell key comes from what the cell is
   * (`definition`) and its count, so the same cell with the same count always publishes the same value, and a
   * changed count gets fresh noise (with the definition alone, n and n+1 would publish exactly 1 apart).
   */
  defined(n: number, definition: string): number {
    return this.exact ? n : perturbationTable(n, definitionKey(this.secret, `${definition}#${n}`), this.params);
  }

  /**
   * The as-of date a restricted caller is answered for: the last completed month end on or before it and
   * before today, so that two nearby dates (one day apart, or a future date asked on two days) cannot be
   * differenced to see one person's new certificate.
   */
  asOf(iso: string): string {
    if (this.exact) return iso;
    // Today is still in progress: the latest day a restricted caller may see is yesterday.
    const { y, m, d } = parts(this.today());
    const yesterday = isoOf(y, m, d - 1);
    return completedMonthEnd(iso < yesterday ? iso : yesterday);
  }

  /** The start of a date range, widened to the first day of its month for restricted callers. */
  from(iso: string): string {
    if (this.exact) return iso;
    const { y, m } = parts(iso);
    return isoOf(y, m, 1);
  }

  /** The end of a date range, widened to the last day of its month for restricted callers. */
  to(iso: string): string {
    if (this.exact) return iso;
    const { y, m } = parts(iso);
    return isoOf(y, m + 1, 0);
  }
}

/** The disclosure control for `principal` on figures of `department` (or of the whole county when absent). */
export function disclosureFor(
  principal: Principal,
  secret: Buffer,
  department?: Department | null,
  params: CellKeyParameters = cellKeyParameters,
  today?: () => string,
): DisclosureControl {
  return new DisclosureControl(may.seeExactAggregates(principal, department ?? undefined), secret, params, today);
}
