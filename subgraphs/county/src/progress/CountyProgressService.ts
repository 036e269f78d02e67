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
import type { CountyInputRepository } from '../repositories/CountyInputRepository';
import type { FeedCursorRepository, FeedCursorRow } from '../repositories/FeedCursorRepository';
import type { IndexGate } from '../repositories/IndexGate';
import { CountingRules, DepartmentCounts, GroupCounts, ModelCounts, MonthCounts } from './CountyModel';
import { Figure, figureOf } from '@hub/subgraph-kit';
import { IndexVersionCache } from './IndexVersionCache';
import type { LiveCountyModel } from './LiveCountyModel';

export interface BreakdownRow {
  key: string | null;
  label: string;
  holders: number;
  certificates: number;
  /** For disclosure control; never published. */
  cellKeys: GroupCounts['cellKeys'];
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
  byDepartment: {
    department: Department;
    label: string;
    holders: number;
    overlap: number;
    exclusive: number;
    certificates: number;
    cellKeys: DepartmentCounts['cellKeys'];
  }[];
  byTownship: BreakdownRow[];
  byTalentCategory: BreakdownRow[];
  byLevel: BreakdownRow[];
  byOccupation: BreakdownRow[];
  byMonth: MonthCounts[];
  /** The cell keys of the headline counts, for disclosure control; never published. */
  cellKeys: ModelCounts['cellKeys'];
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

const byHoldersDesc = (a: BreakdownRow, b: BreakdownRow) => b.holders - a.holders || String(a.key).localeCompare(String(b.key));

/**
 * countyProgress: exact distinct-person figures from the holder index against the plan's targets, counted
 * over the index in memory (LiveCountyModel). Answers are cached per as-of date until the index changes.
 */
export class CountyProgressService {
  private readonly cache: IndexVersionCache<CountyFigures>;

  constructor(
    gate: IndexGate,
    private readonly inputs: CountyInputRepository,
    private readonly cursors: FeedCursorRepository,
    private readonly live: LiveCountyModel,
  ) {
    this.cache = new IndexVersionCache(gate, CACHE_DATES);
  }

  figures(asOf: string): Promise<CountyFigures> {
    return this.cache.get(asOf, () => this.compute(asOf));
  }

  /** Catches up with the index and computes today's figures, so that the next dashboard does not wait for it. */
  async warm(): Promise<void> {
    await this.figures(todayIso());
  }

  private async compute(asOf: string): Promise<CountyFigures> {
    const period = planTargets().period;
    const targets = await this.inputs.targets();
    const employedInput = await this.inputs.countyInput('employedPopulation');
    const employedPopulation = Number(employedInput?.value ?? 0);
    const figure = (key: string, value: number, label?: string): Figure => {
      const t = targets.get(key);
      return figureOf(key, t?.label ?? label ?? key, value, t ? t.target : null);
    };
    const share = (key: string, part: number, whole: number): Figure => figure(key, whole > 0 ? part / whole : 0);

    const counts = await this.live.read((model) => model.counts(asOf, period.from, rules));
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
      cellKeys: counts.cellKeys,
    };
  }

  /** Per department: in the index or not, when last synced, how far behind. Always live, never cached. */
  async completeness(now = Date.now()): Promise<Completeness[]> {
    const cursors = new Map<string, FeedCursorRow>((await this.cursors.cursors()).map((c) => [c.department, c]));
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
