import { InputError, monthRange, todayIso } from '@hub/subgraph-kit';
import { channelPlanKey, Department, departmentFromSlug, departmentLabels, departments, planTargets, TrainingChannel, trainingChannelLabels, trainingChannels } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import type { FeedCursorRow, FeedCursorRepository } from '../repositories/FeedCursorRepository';
import type { AttributedCertificate, LedgerRepository, PersonDate } from './LedgerRepository';

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
}

export interface DepartmentLedger {
  department: Department;
  label: string;
  total: LedgerRow;
  months: LedgerRow[];
  quarters: LedgerRow[];
}

export interface ChannelLedger extends Omit<DepartmentLedger, 'department' | 'label'> {
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
  planTarget: number | null;
  sincePlanStart: number | null;
  months: { month: string; value: number }[];
  note: string | null;
}

export interface ProgressLedger {
  year: number;
  quarter: number | null;
  from: string;
  to: string;
  channels: ChannelLedger[];
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

const distinctIn = (rows: { personId: string; date: string }[], from: string, to: string) => new Set(rows.filter((r) => r.date >= from && r.date <= to).map((r) => r.personId));

/**
 * 进度台账 (plan 三(二)): per channel and department, by month and quarter, training person-times,
 * persons certified and persons certified at 高级工 or above, each with the year's running total
 * against the channel's annual target; plus apprentices, directed training and the office's inputs.
 */
export class ProgressLedgerService {
  constructor(
    private readonly ledger: LedgerRepository,
    private readonly cursors: FeedCursorRepository,
  ) {}

  async build(year: number, quarter: number | null, publish: LedgerPublisher = exactLedger): Promise<ProgressLedger> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年份无效：${year}`);
    if (quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) throw new InputError('BAD_QUARTER', 'quarter', `季度须为 1 到 4，收到 ${quarter}`);
    const firstMonth = quarter ? quarter * 3 - 2 : 1;
    const lastMonth = quarter ? quarter * 3 : 12;
    const yearStart = `${year}-01-01`;
    const from = monthRange(year, firstMonth).from;
    const to = monthRange(year, lastMonth).to;
    const months: Period[] = [];
    for (let m = firstMonth; m <= lastMonth; m++) months.push({ period: `${year}-${String(m).padStart(2, '0')}`, ...monthRange(year, m) });
    const quarters: Period[] = [];
    for (let q = Math.ceil(firstMonth / 3); q <= Math.ceil(lastMonth / 3); q++) quarters.push({ period: `${year}-Q${q}`, from: monthRange(year, q * 3 - 2).from, to: monthRange(year, q * 3).to });
    const total: Period = { period: quarter ? `${year}-Q${quarter}` : String(year), from, to };

    const feeds = await this.cursors.cursors();
    // Restricted callers see completed months only: a month in progress would change from one day to the next.
    const until = publish.until && publish.until < to ? publish.until : to;
    const trainings = (await this.ledger.trainingsByMonth(yearStart, to)).filter((t) => t.month <= until.slice(0, 7));
    const certificates = (await this.ledger.certificatesWithChannel(yearStart, to)).filter((c) => c.issuedOn <= until);
    const plan = planTargets();

    const rowsFor = (scope: string, keep: (t: { department: Department; channel: string }) => boolean, certs: AttributedCertificate[], targets: ChannelLedger['targets'] | null) => {
      const trained = trainings.filter(keep);
      const personDates = certs.map((c) => ({ personId: c.personId, date: c.issuedOn }));
      const seniorDates = certs.filter((c) => c.seniorOrAbove).map((c) => ({ personId: c.personId, date: c.issuedOn }));
      const trainedIn = (a: string, b: string) =>
        publish.defined(
          trained.filter((t) => t.month >= a.slice(0, 7) && t.month <= b.slice(0, 7)).reduce((s, t) => s + t.trainings, 0),
          `ledger|trained|${scope}|${a.slice(0, 7)}|${b.slice(0, 7)}`,
        );
      const persons = (rows: PersonDate[], a: string, b: string) => publish.persons(distinctIn(rows, a, b));
      const row = (p: Period): LedgerRow => {
        const cumulativeTrained = trainedIn(yearStart, p.to);
        const cumulativeCertified = persons(personDates, yearStart, p.to);
        const cumulativeSenior = persons(seniorDates, yearStart, p.to);
        return {
          ...p,
          trained: trainedIn(p.from, p.to),
          certified: persons(personDates, p.from, p.to),
          certifiedSeniorOrAbove: persons(seniorDates, p.from, p.to),
          cumulativeTrained,
          cumulativeCertified,
          cumulativeCertifiedSeniorOrAbove: cumulativeSenior,
          trainedRatio: targets ? cumulativeTrained / targets.trained : null,
          certifiedRatio: targets ? cumulativeCertified / targets.certified : null,
          certifiedSeniorOrAboveRatio: targets ? cumulativeSenior / targets.certifiedSeniorOrAbove : null,
        };
      };
      return { total: row(total), months: months.map(row), quarters: quarters.map(row) };
    };

    const channels: ChannelLedger[] = trainingChannels.map((channel) => {
      const planned = plan.annualChannels.find((c) => c.key === channelPlanKey[channel])!;
      const targets = { trained: planned.trained, certified: planned.certified, certifiedSeniorOrAbove: planned.certifiedSeniorOrAbove };
      const lead = departmentFromSlug(planned.lead) ?? null;
      const involved = new Set<Department>([
        ...(lead ? [lead] : []),
        ...(planned.partners ?? []).map((slug) => departmentFromSlug(slug)).filter((d): d is Department => d !== undefined),
        ...trainings.filter((t) => t.channel === channel).map((t) => t.department),
        ...certificates.filter((c) => c.channel === channel).map((c) => c.department),
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
          .map((department) => ({
            department,
            label: departmentLabels[department],
            ...rowsFor(`${channel}|${department}`, (t) => t.channel === channel && t.department === department, inChannel.filter((c) => c.department === department), null),
          })),
      };
    });
    const unattributed = departments
      .filter((d) => certificates.some((c) => c.channel === null && c.department === d))
      .map((department) => ({
        department,
        label: departmentLabels[department],
        ...rowsFor(`unattributed|${department}`, () => false, certificates.filter((c) => c.channel === null && c.department === department), null),
      }));

    const annual = (key: string) => plan.annualCounts.find((c) => c.key === key);
    const personCount = (key: string, all: PersonDate[], note: string | null): LedgerCount => {
      const target = annual(key);
      const rows = all.filter((r) => r.date <= until);
      const yearToDate = publish.persons(distinctIn(rows, yearStart, to));
      return {
        key,
        label: target?.label ?? key,
        value: publish.persons(distinctIn(rows, from, to)),
        yearToDate,
        annualTarget: target?.target ?? null,
        ratio: target?.target ? yearToDate / target.target : null,
        planTarget: null,
        sincePlanStart: null,
        months: months.map((m) => ({ month: m.period, value: publish.persons(distinctIn(rows, m.from, m.to)) })),
        note,
      };
    };

    return {
      year,
      quarter,
      from,
      to,
      channels,
      unattributed,
      apprentices: personCount('apprentices', await this.ledger.apprentices(yearStart, to), '人社局企业职工培训中标记为企业新型学徒制的培训人数（去重）'),
      directedTraining: personCount('directedTraining', await this.ledger.directed(yearStart, to), directedNote(feeds)),
      ...(await this.inputCounts(year, months, from, to)),
    };
  }

  private async inputCounts(year: number, months: Period[], from: string, to: string): Promise<Pick<ProgressLedger, 'certifiedEmployment' | 'newUrbanJobs'>> {
    const plan = planTargets();
    const planStartYear = Number(plan.period.from.slice(0, 4));
    const rows = await this.ledger.inputs(Object.keys(ledgerInputKeys), Math.min(planStartYear, year), year);
    const monthKey = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
    const count = (key: LedgerInputKey): LedgerCount => {
      const mine = rows.filter((r) => r.key === key);
      const sum = (a: string, b: string) => mine.filter((r) => monthKey(r.year, r.month) >= a.slice(0, 7) && monthKey(r.year, r.month) <= b.slice(0, 7)).reduce((s, r) => s + r.value, 0);
      const goal = ledgerInputKeys[key].goal;
      const planTarget = goal ? (plan.goals2025.find((g) => g.key === goal)?.target ?? null) : null;
      const missing = months.filter((m) => m.to <= todayIso() && !mine.some((r) => monthKey(r.year, r.month) === m.period)).map((m) => m.period);
      return {
        key: ledgerInputKeys[key].key,
        label: ledgerInputKeys[key].label,
        value: sum(from, to),
        yearToDate: sum(`${year}-01-01`, to),
        annualTarget: null,
        ratio: planTarget && year >= planStartYear ? sum(plan.period.from, to) / planTarget : null,
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
    await this.ledger.setInput({ key, year, month, value, note: note?.trim().slice(0, 255) || null, updatedBy: `${actor.subject} (${actor.role})`.slice(0, 128), updatedAt: new Date().toISOString() });
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
