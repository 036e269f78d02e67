import {
  Department,
  departmentLabels,
  departments,
  defaultCountingPolicy,
  levelFromNumber,
  occupationByCode,
  planTargets,
  skillLevelLabels,
  talentCategoryLabels,
  TalentCategory,
  townshipByCode,
} from '@hub/vocabulary';
import { todayIso } from '@hub/subgraph-kit';
import { CountyFactsRepository, PersonSelection } from '../repositories/CountyFactsRepository';
import type { FeedCursorRow, HolderIndexRepository } from '../repositories/HolderIndexRepository';
import { CountingRules, CountyModel, GroupCounts, MonthCounts } from './CountyModel';
import { IndexVersionCache } from './IndexVersionCache';

export interface Figure {
  key: string;
  label: string;
  value: number;
  target: number | null;
  ratio: number | null;
}

export interface BreakdownRow {
  key: string | null;
  label: string;
  holders: number;
  certificates: number;
}

export interface CountyFigures {
  asOf: string;
  periodFrom: string;
  periodTo: string;
  certificateHolders: Figure;
  skilledTalents: Figure;
  midHighSkilledTalents: Figure;
  highSkilledTalents: Figure;
  trainingPersonTimes: Figure;
  newlyCertified: Figure;
  newHighSkilled: Figure;
  employedPopulation: number;
  holderShareOfEmployed: Figure;
  skilledShareOfEmployed: Figure;
  midHighShareOfSkilled: Figure;
  byDepartment: { department: Department; label: string; holders: number; overlap: number; exclusive: number; certificates: number }[];
  byTownship: BreakdownRow[];
  byTalentCategory: BreakdownRow[];
  byLevel: BreakdownRow[];
  byOccupation: BreakdownRow[];
  byMonth: MonthCounts[];
}

export interface Completeness {
  department: Department;
  label: string;
  included: boolean;
  lastSyncedAt: string | null;
  lagSeconds: number | null;
  pendingChanges: number;
  lastError: string | null;
}

const rules: CountingRules = {
  midHighMaxLevel: 4, // 四级/中级工 or above
  highMaxLevel: 3, // 三级/高级工 or above
  unlevelledIsMidHigh: defaultCountingPolicy.unlevelledSkilledCountsAsMidHigh,
};
const CACHE_DATES = 32;
/** Persons read per query when the model catches up. */
const CHUNK = 400;
/** Person ids are hex: the whole index is read in 16 ranges of their first digit. */
const RANGES = [null, ...'123456789abcdef'].map((from, i, all): PersonSelection => ({ from, to: all[i + 1] ?? null }));

const byHoldersDesc = (a: BreakdownRow, b: BreakdownRow) => b.holders - a.holders || String(a.key).localeCompare(String(b.key));

/**
 * countyProgress: exact distinct-person figures from the holder index against the plan's targets.
 * The index is kept in memory (CountyModel): each applied page marks its persons stale, and the next
 * computation re-reads only those. Answers are cached per as-of date until the index changes.
 */
export class CountyProgressService {
  private readonly facts: CountyFactsRepository;
  private readonly cache: IndexVersionCache<CountyFigures>;
  /** Null until first read whole (and again after a failed catch-up). */
  private model: CountyModel | null = null;
  private readonly stale = new Set<string>();

  constructor(private readonly index: HolderIndexRepository) {
    this.facts = new CountyFactsRepository(index);
    this.cache = new IndexVersionCache(index, CACHE_DATES);
    index.onApplied((personIds) => {
      if (this.model) for (const id of personIds) this.stale.add(id);
    });
  }

  figures(asOf: string): Promise<CountyFigures> {
    return this.cache.get(asOf, () => this.compute(asOf));
  }

  /** Catches up with the index and computes today's figures, so that the next dashboard does not wait for it. */
  async warm(): Promise<void> {
    await this.figures(todayIso());
  }

  /**
   * Brings the model up to the index and counts, between two applied pages, so the figures are those of one
   * moment of the index. Many stale persons (a first build, a big import) are cheaper to read whole.
   */
  private counts(asOf: string, periodFrom: string) {
    return this.index.exclusive(async () => {
      const model = this.model;
      try {
        if (!model || this.stale.size > Math.max(2_000, model.persons / 4)) {
          this.stale.clear();
          this.model = null;
          const fresh = new CountyModel();
          for (const range of RANGES) fresh.put([], ...(await this.read(range)));
          this.model = fresh;
        } else if (this.stale.size) {
          const ids = [...this.stale];
          this.stale.clear();
          const read = await Promise.all(chunks(ids, CHUNK).map((part) => this.read({ ids: part })));
          model.put(ids, ...concat(read));
        }
      } catch (error) {
        // Half caught up is not an answer: read it whole next time.
        this.model = null;
        throw error;
      }
      return this.model!.counts(asOf, periodFrom, rules);
    });
  }

  private async read(selection: PersonSelection) {
    return [await this.facts.persons(selection), await this.facts.holdings(selection), await this.facts.trainings(selection)] as const;
  }

  private async compute(asOf: string): Promise<CountyFigures> {
    const period = planTargets().period;
    const targets = await this.index.targets();
    const employedInput = await this.index.countyInput('employedPopulation');
    const employedPopulation = Number(employedInput?.value ?? 0);
    const figure = (key: string, value: number, label?: string): Figure => {
      const t = targets.get(key);
      const target = t ? t.target : null;
      return { key, label: t?.label ?? label ?? key, value, target, ratio: target ? value / target : null };
    };
    const share = (key: string, part: number, whole: number): Figure => figure(key, whole > 0 ? part / whole : 0);

    const counts = await this.counts(asOf, period.from);
    const { headline, trainingPersonTimes, newlyCertified, newHighSkilled } = counts;
    const label = (rows: GroupCounts[], name: (key: string) => string): BreakdownRow[] =>
      rows.map((r) => ({ ...r, label: r.key === null ? '未登记' : name(r.key) })).sort(byHoldersDesc);

    return {
      asOf,
      periodFrom: period.from,
      periodTo: period.to,
      certificateHolders: figure('certificateHolders', headline.holders),
      skilledTalents: figure('skilledTalents', headline.skilled),
      midHighSkilledTalents: figure('midHighSkilledTalents', headline.midHigh),
      highSkilledTalents: figure('highSkilledTalents', headline.high, '高技能人才总量'),
      trainingPersonTimes: figure('trainingPersonTimes', trainingPersonTimes),
      newlyCertified: figure('newlyCertified', newlyCertified),
      newHighSkilled: figure('newHighSkilled', newHighSkilled),
      employedPopulation,
      holderShareOfEmployed: share('holderShareOfEmployed', headline.holders, employedPopulation),
      skilledShareOfEmployed: share('skilledShareOfEmployed', headline.skilled, employedPopulation),
      midHighShareOfSkilled: share('midHighShareOfSkilled', headline.midHigh, headline.skilled),
      byDepartment: counts.byDepartment.map((row) => {
        const department = row.department as Department;
        return { ...row, department, label: departmentLabels[department], exclusive: row.holders - row.overlap };
      }),
      byTownship: label(counts.byTownship, (code) => townshipByCode(code)?.name ?? code),
      byTalentCategory: label(counts.byTalentCategory, (key) => talentCategoryLabels[key as TalentCategory] ?? key),
      byLevel: label(counts.byLevel, (key) => {
        const level = levelFromNumber(Number(key));
        return level ? skillLevelLabels[level] : key;
      })
        .filter((r) => r.key !== null)
        .sort((a, b) => Number(a.key) - Number(b.key)),
      byOccupation: label(counts.byOccupation, (code) => occupationByCode(code)?.name ?? code),
      byMonth: counts.byMonth,
    };
  }

  /** Per department: in the index or not, when last synced, how far behind. Always live, never cached. */
  async completeness(now = Date.now()): Promise<Completeness[]> {
    const cursors = new Map<string, FeedCursorRow>((await this.index.cursors()).map((c) => [c.department, c]));
    return departments.map((department) => {
      const c = cursors.get(department);
      const lastSyncedAt = c?.lastSyncedAt ?? null;
      return {
        department,
        label: departmentLabels[department],
        included: lastSyncedAt !== null,
        lastSyncedAt,
        lagSeconds: lastSyncedAt ? Math.max(0, Math.round((now - Date.parse(lastSyncedAt)) / 1000)) : null,
        pendingChanges: c ? Math.max(0, c.latestSeq - c.lastSeq) : 0,
        lastError: c?.lastError ?? null,
      };
    });
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Joins the persons, holdings and trainings read in several parts. */
function concat<A, B, C>(parts: (readonly [A[], B[], C[]])[]): [A[], B[], C[]] {
  return [parts.flatMap((p) => p[0]), parts.flatMap((p) => p[1]), parts.flatMap((p) => p[2])];
}
