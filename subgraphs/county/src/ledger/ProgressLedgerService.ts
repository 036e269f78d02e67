import { InputError, monthRange, todayIso } from '@hub/subgraph-kit';
import type { TargetMeasure } from './AnnualTargetRepository';
import {
  channelPlanKey,
  Department,
  departmentFromSlug,
  departmentLabels,
  departments,
  planTargets,
  TrainingChannel,
  trainingChannelLabels,
  trainingChannels,
} from '@hub/vocabulary';
import type { Actor, DisclosureControl } from '@hub/auth';
import type { FeedCursorRow, FeedCursorRepository } from '../repositories/FeedCursorRepository';
import type { AttributedCertificate, LedgerRepository, PersonDate } from './LedgerRepository';
import type { AnnualTargetService } from './AnnualTargetService';
import { LedgerPeriod, shareOfYearElapsed } from './LedgerPeriod';
import { addDays, GoalInput, yearBefore } from '../progress/projectGoal';

/** The office's monthly inputs and where their targets come from. */
export const ledgerInputKeys = {
  CERTIFIED_EMPLOYMENT: { key: 'certifiedEmployment', label: '持证就业人数', goal: null },
  NEW_URBAN_JOBS: { key: 'newUrbanJobs', label: '城镇新增就业人数', goal: 'newUrbanJobs' },
} as const;
export type LedgerInputKey = keyof typeof ledgerInputKeys;

export interface Period {
  period: string;
  from: string;
  to: string;
}

export interface LedgerRow extends Period {
  trained: number;
  certified: number;
  certifiedSeniorOrAbove: number;
  cumulativeTrained: number;
  cumulativeCertified: number;
  cumulativeCertifiedSeniorOrAbove: number;
  trainedRatio: number | null;
  certifiedRatio: number | null;
  certifiedSeniorOrAboveRatio: number | null;
  /** Share of the year elapsed at the row's end (or at the as-of date, if earlier). */
  elapsedShare: number;
  /** 进度比 ratio ÷ elapsedShare: 1 is on pace, below 1 behind. */
  trainedPace: number | null;
  certifiedPace: number | null;
  certifiedSeniorOrAbovePace: number | null;
  /** Behind pace on any measure that has a target. */
  lagging: boolean;
}

/** Annual targets of a row; null where none is set. */
export interface RowTargets {
  trained: number | null;
  certified: number | null;
  certifiedSeniorOrAbove: number | null;
}

export interface DepartmentLedger {
  department: Department;
  label: string;
  targets: RowTargets | null;
  total: LedgerRow;
  months: LedgerRow[];
  quarters: LedgerRow[];
}

export interface ChannelLedger extends Omit<DepartmentLedger, 'department' | 'label' | 'targets'> {
  channel: TrainingChannel;
  key: string;
  label: string;
  lead: Department | null;
  targets: { trained: number; certified: number; certifiedSeniorOrAbove: number };
  byDepartment: DepartmentLedger[];
}

export interface LedgerCount {
  key: string;
  label: string;
  value: number;
  yearToDate: number;
  annualTarget: number | null;
  ratio: number | null;
  /** ratio ÷ the share of the year elapsed (annual targets only). */
  pace: number | null;
  lagging: boolean;
  planTarget: number | null;
  sincePlanStart: number | null;
  months: { month: string; value: number }[];
  note: string | null;
}

export interface ProgressLedger {
  year: number;
  quarter: number | null;
  /** 2025-M06, 2025-Q2, 2025-H1 or 2025. */
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  /** The last day counted: the period's end, or an earlier day when the period is not over (or for restricted callers). */
  asOf: string;
  /** Share of the year elapsed on asOf: the pace every ratio is compared with. */
  elapsedShare: number;
  channels: ChannelLedger[];
  /** Each department over the three channels, against the sum of its department × channel targets. */
  departments: DepartmentLedger[];
  unattributed: DepartmentLedger[];
  apprentices: LedgerCount;
  directedTraining: LedgerCount;
  certifiedEmployment: LedgerCount;
  newUrbanJobs: LedgerCount;
}

/**
 * How the ledger's counts are published: exact for the county administrator, through the caller's disclosure
 * control (@hub/auth DisclosureControl) for everyone else. Counts of persons go by their persons' cell key;
 * training person-times, summed in SQL, by what the cell is.
 */
export interface LedgerPublisher {
  persons(personIds: Set<string>): number;
  defined(n: number, definition: string): number;
  /** Records after this date are not counted (a completed month end for restricted callers), or null. */
  until: string | null;
}

export const exactLedger: LedgerPublisher = { persons: (ids) => ids.size, defined: (n) => n, until: null };

/** The ledger as a caller's disclosure control publishes it: exact, or the cell-key method on completed months only. */
export function ledgerPublisher(disclosure: DisclosureControl, today: string = todayIso()): LedgerPublisher {
  return {
    persons: (ids) => disclosure.persons(ids),
    defined: (n, definition) => disclosure.defined(n, definition),
    until: disclosure.exact ? null : disclosure.asOf(today),
  };
}

/** 进度比: the year-to-date ratio over the share of the year elapsed; null without a target or before the year began. */
export const paceOf = (ratio: number | null, elapsedShare: number): number | null =>
  ratio === null || elapsedShare <= 0 ? null : ratio / elapsedShare;
/** 滞后: behind the time schedule (pace below 1). */
export const isLagging = (pace: number | null): boolean => pace !== null && pace < 1;

const distinctIn = (rows: { personId: string; date: string }[], from: string, to: string) =>
  new Set(rows.filter((r) => r.date >= from && r.date <= to).map((r) => r.personId));

/**
 * 进度台账 (plan 三(二)): per channel and department, by month and quarter, training person-times,
 * persons certified and persons certified at 高级工 or above, each with the year's running total
 * against the channel's annual target; plus apprentices, directed training and the office's inputs.
 */
export class ProgressLedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly cursors: FeedCursorRepository,
    private readonly targets: AnnualTargetService,
  ) {}

  async build(period: LedgerPeriod, publish: LedgerPublisher = exactLedger, today: string = todayIso()): Promise<ProgressLedger> {
    const { year, firstMonth, lastMonth, from, to } = period;
    const yearStart = `${year}-01-01`;
    const months: Period[] = [];
    for (let m = firstMonth; m <= lastMonth; m++) months.push({ period: `${year}-${String(m).padStart(2, '0')}`, ...monthRange(year, m) });
    // The quarters that lie wholly in the period (none in a month's report).
    const quarters: Period[] = [];
    for (let q = Math.ceil(firstMonth / 3); q <= Math.ceil(lastMonth / 3); q++) {
      if (q * 3 - 2 >= firstMonth && q * 3 <= lastMonth)
        quarters.push({ period: `${year}-Q${q}`, from: monthRange(year, q * 3 - 2).from, to: monthRange(year, q * 3).to });
    }
    const total: Period = { period: period.kind === 'MONTH' ? months[0].period : period.key, from, to };

    const feeds = await this.cursors.cursors();
    const book = await this.targets.book(year);
    // Restricted callers see completed months only: a month in progress would change from one day to the next.
    const until = publish.until && publish.until < to ? publish.until : to;
    const asOf = [to, until, today].sort()[0];
    const elapsedAt = (end: string) => shareOfYearElapsed(year, end < asOf ? end : asOf);
    const trainings = (await this.ledger.trainingsByMonth(yearStart, to)).filter((t) => t.month <= until.slice(0, 7));
    const certificates = (await this.ledger.certificatesWithChannel(yearStart, to)).filter((c) => c.issuedOn <= until);
    const plan = planTargets();

    const rowsFor = (
      scope: string,
      keep: (t: { department: Department; channel: string }) => boolean,
      certs: AttributedCertificate[],
      targets: RowTargets | null,
    ) => {
      const trained = trainings.filter(keep);
      const personDates = certs.map((c) => ({ personId: c.personId, date: c.issuedOn }));
      const seniorDates = certs.filter((c) => c.seniorOrAbove).map((c) => ({ personId: c.personId, date: c.issuedOn }));
      const trainedIn = (a: string, b: string) =>
        publish.defined(
          trained.filter((t) => t.month >= a.slice(0, 7) && t.month <= b.slice(0, 7)).reduce((s, t) => s + t.trainings, 0),
          `ledger|trained|${scope}|${a.slice(0, 7)}|${b.slice(0, 7)}`,
        );
      const persons = (rows: PersonDate[], a: string, b: string) => publish.persons(distinctIn(rows, a, b));
      const ratio = (n: number, target: number | null | undefined) => (target ? n / target : null);
      const row = (p: Period): LedgerRow => {
        const cumulativeTrained = trainedIn(yearStart, p.to);
        const cumulativeCertified = persons(personDates, yearStart, p.to);
        const cumulativeSenior = persons(seniorDates, yearStart, p.to);
        const trainedRatio = ratio(cumulativeTrained, targets?.trained);
        const certifiedRatio = ratio(cumulativeCertified, targets?.certified);
        const certifiedSeniorOrAboveRatio = ratio(cumulativeSenior, targets?.certifiedSeniorOrAbove);
        const elapsedShare = elapsedAt(p.to);
        const pace = (r: number | null) => paceOf(r, elapsedShare);
        const paces = [pace(trainedRatio), pace(certifiedRatio), pace(certifiedSeniorOrAboveRatio)];
        return {
          ...p,
          trained: trainedIn(p.from, p.to),
          certified: persons(personDates, p.from, p.to),
          certifiedSeniorOrAbove: persons(seniorDates, p.from, p.to),
          cumulativeTrained,
          cumulativeCertified,
          cumulativeCertifiedSeniorOrAbove: cumulativeSenior,
          trainedRatio,
          certifiedRatio,
          certifiedSeniorOrAboveRatio,
          elapsedShare,
          trainedPace: paces[0],
          certifiedPace: paces[1],
          certifiedSeniorOrAbovePace: paces[2],
          lagging: paces.some(isLagging),
        };
      };
      return { total: row(total), months: months.map(row), quarters: quarters.map(row) };
    };
    const departmentTargets = (department: Department, channels: readonly TrainingChannel[]): RowTargets | null => {
      const sum = (measure: TargetMeasure) => {
        const values = channels.map((channel) => book.value({ department, channel }, measure)).filter((v): v is number => v !== null);
        return values.length ? values.reduce((a, b) => a + b, 0) : null;
      };
      const targets = { trained: sum('TRAINED'), certified: sum('CERTIFIED'), certifiedSeniorOrAbove: sum('CERTIFIED_SENIOR_OR_ABOVE') };
      return targets.trained === null && targets.certified === null && targets.certifiedSeniorOrAbove === null ? null : targets;
    };

    const channels: ChannelLedger[] = trainingChannels.map((channel) => {
      const planned = plan.annualChannels.find((c) => c.key === channelPlanKey[channel])!;
      // The office's figures (seeded from the plan); the plan's own figures for a year before any was set.
      const target = (measure: TargetMeasure, fallback: number) => book.value({ channel }, measure) ?? fallback;
      const targets = {
        trained: target('TRAINED', planned.trained),
        certified: target('CERTIFIED', planned.certified),
        certifiedSeniorOrAbove: target('CERTIFIED_SENIOR_OR_ABOVE', planned.certifiedSeniorOrAbove),
      };
      const lead = departmentFromSlug(planned.lead) ?? null;
      const involved = new Set<Department>([
        ...(lead ? [lead] : []),
        ...(planned.partners ?? []).map((slug) => departmentFromSlug(slug)).filter((d): d is Department => d !== undefined),
        ...trainings.filter((t) => t.channel === channel).map((t) => t.department),
        ...certificates.filter((c) => c.channel === channel).map((c) => c.department),
        ...departments.filter((d) => departmentTargets(d, [channel]) !== null),
      ]);
      const inChannel = certificates.filter((c) => c.channel === channel);
      return {
        channel,
        key: planned.key,
        label: trainingChannelLabels[channel] ?? planned.label,
        lead,
        targets,
        ...rowsFor(channel, (t) => t.channel === channel, inChannel, targets),
        byDepartment: departments
          .filter((d) => involved.has(d))
          .map((department) => {
            const targets = departmentTargets(department, [channel]);
            return {
              department,
              label: departmentLabels[department],
              targets,
              ...rowsFor(
                `${channel}|${department}`,
                (t) => t.channel === channel && t.department === department,
                inChannel.filter((c) => c.department === department),
                targets,
              ),
            };
          }),
      };
    });
    const inPlanChannel = (c: string) => (trainingChannels as readonly string[]).includes(c);
    const byDepartment = departments
      .filter((d) => channels.some((c) => c.byDepartment.some((x) => x.department === d)))
      .map((department) => {
        const targets = departmentTargets(department, trainingChannels);
        return {
          department,
          label: departmentLabels[department],
          targets,
          ...rowsFor(
            `department|${department}`,
            (t) => t.department === department && inPlanChannel(t.channel),
            certificates.filter((c) => c.department === department && c.channel !== null && inPlanChannel(c.channel)),
            targets,
          ),
        };
      });
    const unattributed = departments
      .filter((d) => certificates.some((c) => c.channel === null && c.department === d))
      .map((department) => ({
        department,
        label: departmentLabels[department],
        targets: null,
        ...rowsFor(
          `unattributed|${department}`,
          () => false,
          certificates.filter((c) => c.channel === null && c.department === department),
          null,
        ),
      }));

    const annual = (key: string) => plan.annualCounts.find((c) => c.key === key);
    const elapsedShare = elapsedAt(to);
    const personCount = (key: string, all: PersonDate[], note: string | null): LedgerCount => {
      const target = annual(key);
      const rows = all.filter((r) => r.date <= until);
      const yearToDate = publish.persons(distinctIn(rows, yearStart, to));
      const ratio = target?.target ? yearToDate / target.target : null;
      const pace = paceOf(ratio, elapsedShare);
      return {
        key,
        label: target?.label ?? key,
        value: publish.persons(distinctIn(rows, from, to)),
        yearToDate,
        annualTarget: target?.target ?? null,
        ratio,
        pace,
        lagging: isLagging(pace),
        planTarget: null,
        sincePlanStart: null,
        months: months.map((m) => ({ month: m.period, value: publish.persons(distinctIn(rows, m.from, m.to)) })),
        note,
      };
    };

    return {
      year,
      quarter: period.kind === 'QUARTER' ? period.lastMonth / 3 : null,
      period: period.key,
      periodLabel: period.label,
      from,
      to,
      asOf,
      elapsedShare,
      channels,
      departments: byDepartment,
      unattributed,
      apprentices: personCount(
        'apprentices',
        await this.ledger.apprentices(yearStart, to),
        '人社局企业职工培训中标记为企业新型学徒制的培训人数（去重）',
      ),
      directedTraining: personCount('directedTraining', await this.ledger.directed(yearStart, to), directedNote(feeds)),
      ...(await this.inputCounts(year, months, from, to)),
    };
  }

  /**
   * Each department's annual targets for the year of `asOf` (summed over the three channels) with what it had on
   * `asOf` and what the 12 months before added, for the projection: trainings and persons certified under a channel.
   */
  async departmentProjection(
    asOf: string,
    publish: LedgerPublisher = exactLedger,
  ): Promise<{ department: Department; label: string; goals: GoalInput[] }[]> {
    const year = Number(asOf.slice(0, 4));
    const book = await this.targets.book(year);
    const windowFrom = addDays(yearBefore(asOf), 1);
    const yearStart = `${year}-01-01`;
    const from = windowFrom < yearStart ? windowFrom : yearStart;
    const inChannel = (c: string | null) => c !== null && (trainingChannels as readonly string[]).includes(c);
    const trainings = (await this.ledger.trainingsByMonth(from, asOf)).filter((t) => inChannel(t.channel));
    const certificates = (await this.ledger.certificatesWithChannel(from, asOf)).filter((c) => inChannel(c.channel));
    const result: { department: Department; label: string; goals: GoalInput[] }[] = [];
    for (const department of departments) {
      const target = (measure: TargetMeasure) => {
        const values = trainingChannels
          .map((channel) => book.value({ department, channel }, measure))
          .filter((v): v is number => v !== null);
        return values.length ? values.reduce((a, b) => a + b, 0) : null;
      };
      // trainingsByMonth groups by month: the window's first month is read again from its first day.
      const trainedSince = async (since: string) => {
        const rows =
          since.slice(8) === '01'
            ? trainings.filter((t) => t.month >= since.slice(0, 7))
            : (await this.ledger.trainingsByMonth(since, asOf)).filter((t) => inChannel(t.channel));
        return publish.defined(
          rows.filter((t) => t.department === department).reduce((s, t) => s + t.trainings, 0),
          `projection|trained|${department}|${since}|${asOf}`,
        );
      };
      const personsSince = (since: string, senior: boolean) =>
        publish.persons(
          new Set(
            certificates
              .filter((c) => c.department === department && c.issuedOn >= since && (!senior || c.seniorOrAbove))
              .map((c) => c.personId),
          ),
        );
      const goals: GoalInput[] = [];
      const deadline = `${year}-12-31`;
      const trainedTarget = target('TRAINED');
      if (trainedTarget !== null)
        goals.push({
          key: 'trained',
          label: '培训人次',
          target: trainedTarget,
          value: await trainedSince(yearStart),
          lastTwelveMonths: await trainedSince(windowFrom),
          deadline,
        });
      for (const [key, measure, label, senior] of [
        ['certified', 'CERTIFIED', '取证人数', false],
        ['certifiedSeniorOrAbove', 'CERTIFIED_SENIOR_OR_ABOVE', '其中高级工及以上', true],
      ] as const) {
        const t = target(measure);
        if (t !== null)
          goals.push({
            key,
            label,
            target: t,
            value: personsSince(yearStart, senior),
            lastTwelveMonths: personsSince(windowFrom, senior),
            deadline,
          });
      }
      if (goals.length) result.push({ department, label: departmentLabels[department], goals });
    }
    return result;
  }

  private async inputCounts(
    year: number,
    months: Period[],
    from: string,
    to: string,
  ): Promise<Pick<ProgressLedger, 'certifiedEmployment' | 'newUrbanJobs'>> {
    const plan = planTargets();
    const planStartYear = Number(plan.period.from.slice(0, 4));
    const rows = await this.ledger.inputs(Object.keys(ledgerInputKeys), Math.min(planStartYear, year), year);
    const monthKey = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
    const count = (key: LedgerInputKey): LedgerCount => {
      const mine = rows.filter((r) => r.key === key);
      const sum = (a: string, b: string) =>
        mine
          .filter((r) => monthKey(r.year, r.month) >= a.slice(0, 7) && monthKey(r.year, r.month) <= b.slice(0, 7))
          .reduce((s, r) => s + r.value, 0);
      const goal = ledgerInputKeys[key].goal;
      const planTarget = goal ? (plan.goals2025.find((g) => g.key === goal)?.target ?? null) : null;
      const missing = months
        .filter((m) => m.to <= todayIso() && !mine.some((r) => monthKey(r.year, r.month) === m.period))
        .map((m) => m.period);
      return {
        key: ledgerInputKeys[key].key,
        label: ledgerInputKeys[key].label,
        value: sum(from, to),
        yearToDate: sum(`${year}-01-01`, to),
        annualTarget: null,
        ratio: planTarget && year >= planStartYear ? sum(plan.period.from, to) / planTarget : null,
        // The plan sets these over four years, not per year: no annual pace to compare with.
        pace: null,
        lagging: false,
        planTarget,
        sincePlanStart: year >= planStartYear ? sum(plan.period.from, to) : null,
        months: months.map((m) => ({ month: m.period, value: sum(m.from, m.to) })),
        note: missing.length ? `领导小组办公室尚未录入：${missing.join('、')}` : null,
      };
    };
    return { certifiedEmployment: count('CERTIFIED_EMPLOYMENT'), newUrbanJobs: count('NEW_URBAN_JOBS') };
  }

  /** One of the office's inputs over a whole year. */
  async inputCount(key: LedgerInputKey, year: number): Promise<LedgerCount> {
    const months: Period[] = [];
    for (let m = 1; m <= 12; m++) months.push({ period: `${year}-${String(m).padStart(2, '0')}`, ...monthRange(year, m) });
    const counts = await this.inputCounts(year, months, `${year}-01-01`, `${year}-12-31`);
    return key === 'CERTIFIED_EMPLOYMENT' ? counts.certifiedEmployment : counts.newUrbanJobs;
  }

  /** The office enters one month's figure; entering it again replaces it (who and when are kept). */
  async setInput(key: string, year: number, month: number, value: number, note: string | null, actor: Actor): Promise<void> {
    if (!(key in ledgerInputKeys)) throw new InputError('UNKNOWN_INPUT', 'key', `台账录入项“${key}”无效`);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年份无效：${year}`);
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new InputError('BAD_MONTH', 'month', `月份须为 1 到 12，收到 ${month}`);
    if (monthRange(year, month).from > todayIso()) throw new InputError('FUTURE_MONTH', 'month', `${year}年${month}月尚未开始，不能录入`);
    if (!Number.isInteger(value) || value < 0) throw new InputError('BAD_VALUE', 'value', `数值须为非负整数，收到 ${value}`);
    await this.ledger.setInput({
      key,
      year,
      month,
      value,
      note: note?.trim().slice(0, 255) || null,
      updatedBy: `${actor.subject} (${actor.role})`.slice(0, 128),
      updatedAt: new Date().toISOString(),
    });
  }
}

/** Where the directed-training count comes from, and how fresh each department's part of it is. */
function directedNote(feeds: FeedCursorRow[]): string {
  const parts = [...feeds]
    .sort((a, b) => a.department.localeCompare(b.department))
    .map((f) =>
      f.lastError
        ? `${departmentLabels[f.department]}变更流读取失败（${f.lastError}），数据截至 ${f.lastSyncedAt ?? '从未同步'}`
        : `${departmentLabels[f.department]}同步于 ${f.lastSyncedAt}`,
    );
  return `各部门登记为订单式或定向式的培训人数（去重）；${parts.join('；') || '尚未读取任何部门的变更流'}`;
}
