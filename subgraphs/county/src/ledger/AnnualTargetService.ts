import type { Actor } from '@hub/auth';
import { InputError, townshipCodeOf } from '@hub/subgraph-kit';
import { Department, departments, TrainingChannel, trainingChannels } from '@hub/vocabulary';
import type { AnnualTargetRepository, AnnualTargetRow, TargetMeasure } from './AnnualTargetRepository';
import { targetMeasures } from './AnnualTargetRepository';

/** Where a target applies: a channel as a whole, one department's part of a channel, or a township. */
export interface TargetScope {
  department?: Department | null;
  channel?: TrainingChannel | null;
  township?: string | null;
}

export interface SetTargetInput extends TargetScope {
  year: number;
  measure: TargetMeasure;
  /** null withdraws the target; absent is refused like any value that is not an integer. */
  value?: number | null;
  reason: string;
}

/** The largest annual target accepted: ten times the county's employed population, a typing error beyond. */
const MAX_TARGET = 5_000_000;

const scopeKey = (s: TargetScope, measure: string) => `${s.department ?? '*'}|${s.channel ?? '*'}|${s.township ?? '*'}|${measure}`;

/** The targets in force for one year: for each scope and measure, the latest row whose effective year is on or before it. */
export class TargetBook {
  private readonly current = new Map<string, AnnualTargetRow>();

  constructor(
    readonly year: number,
    rows: readonly AnnualTargetRow[],
  ) {
    for (const row of rows) {
      if (row.effectiveYear > year) continue;
      const key = scopeKey(row, row.measure);
      const seen = this.current.get(key);
      if (!seen || row.effectiveYear > seen.effectiveYear || (row.effectiveYear === seen.effectiveYear && row.id > seen.id))
        this.current.set(key, row);
    }
  }

  /** The target, or null when none is set (or it was withdrawn). */
  value(scope: TargetScope, measure: TargetMeasure): number | null {
    return this.current.get(scopeKey(scope, measure))?.value ?? null;
  }

  /** The rows in force, in a stable order. */
  rows(): AnnualTargetRow[] {
    return [...this.current.values()].sort((a, b) => a.id - b.id);
  }
}

/**
 * 年度目标 annual targets as data: the office sets them by department × channel and by township through
 * `setAnnualTarget`; every change is a new row (who, when, why), so the history is the audit.
 */
export class AnnualTargetService {
  constructor(private readonly repository: AnnualTargetRepository) {}

  async book(year: number): Promise<TargetBook> {
    return new TargetBook(year, await this.repository.all());
  }

  /** Every row ever set, newest first, optionally only those of one effective year. */
  async history(year?: number | null): Promise<AnnualTargetRow[]> {
    const rows = await this.repository.all();
    return rows.filter((r) => year === undefined || year === null || r.effectiveYear === year).reverse();
  }

  async set(input: SetTargetInput, actor: Actor): Promise<AnnualTargetRow> {
    const { year, measure, value } = input;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年份无效：${year}`);
    if (!(targetMeasures as readonly string[]).includes(measure))
      throw new InputError('BAD_MEASURE', 'measure', `目标指标“${measure}”无效`);
    const department = input.department ?? null;
    const channel = input.channel ?? null;
    if (department !== null && !departments.includes(department))
      throw new InputError('BAD_DEPARTMENT', 'department', `部门“${department}”无效`);
    if (channel !== null && !trainingChannels.includes(channel))
      throw new InputError('BAD_CHANNEL', 'channel', `培训渠道“${channel}”不在方案的三个渠道之内`);
    let township: string | null = null;
    if (input.township !== undefined && input.township !== null) {
      township = townshipCodeOf(input.township);
      if (department !== null || channel !== null) throw new InputError('BAD_SCOPE', 'township', '乡镇目标不分部门和渠道：请只填乡镇');
      if (measure !== 'HOLDERS') throw new InputError('BAD_MEASURE', 'measure', '乡镇目标的指标为持证人员总量 (HOLDERS)');
    } else {
      if (channel === null) throw new InputError('BAD_SCOPE', 'channel', '请填写培训渠道（部门目标按部门×渠道设定），或填写乡镇');
      if (measure === 'HOLDERS')
        throw new InputError('BAD_MEASURE', 'measure', '部门×渠道目标的指标为培训人次、取证人数或其中高级工及以上');
    }
    if (value === undefined || (value !== null && (!Number.isInteger(value) || value < 0 || value > MAX_TARGET)))
      throw new InputError('BAD_VALUE', 'value', `目标须为 0 到 ${MAX_TARGET} 的整数，收到 ${value}`);
    // A channel's own target stays: the ledger's channel ratios need one (enter a new figure to change it).
    if (value === null && department === null && township === null)
      throw new InputError('BAD_VALUE', 'value', '渠道总目标不能撤销，只能修改');
    const reason = input.reason.replace(/\s+/g, ' ').trim();
    if (reason.length < 2) throw new InputError('REASON_REQUIRED', 'reason', '请说明设定或调整目标的依据（例如文件号、会议纪要）');
    return this.repository.add({
      effectiveYear: year,
      department,
      channel,
      township,
      measure,
      value,
      reason: reason.slice(0, 255),
      setBy: `${actor.subject} (${actor.role})`.slice(0, 128),
      setAt: new Date().toISOString(),
    });
  }
}
