import { CoreRepository, InputError, isIsoDate, requiredText, todayIso } from '@hub/subgraph-kit';
import { planTargets } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import { isUniqueViolation, retryOnLockConflict } from '@hub/subgraph-kit';
import type { CatalogueRepository, InstitutionAction, InstitutionEventRow, InstitutionStatus } from '../repositories/CatalogueRepository';

/** An institution as of a date: its name, its state then, and since when. */
export interface InstitutionAsOf {
  code: string;
  name: string;
  status: InstitutionStatus;
  statusSince: string;
}

export interface InstitutionYear {
  year: number;
  onCatalogue: number;
  admitted: number;
  suspended: number;
  exited: number;
  target: number | null;
  ratio: number | null;
}

const actionLabels: Record<InstitutionAction, string> = { ADMIT: '纳入目录', SUSPEND: '暂停', REINSTATE: '恢复', EXIT: '退出目录' };
const statusLabels: Record<InstitutionStatus, string> = { ADMITTED: '在目录内', SUSPENDED: '已暂停', EXITED: '已退出' };

/** Which state each action needs, and where it leads; null = the institution is not yet known. */
const transitions: Record<InstitutionAction, { from: (InstitutionStatus | null)[]; to: InstitutionStatus; reason: string }> = {
  ADMIT: { from: [null, 'EXITED'], to: 'ADMITTED', reason: 'INSTITUTION_ALREADY_ON_CATALOGUE' },
  SUSPEND: { from: ['ADMITTED'], to: 'SUSPENDED', reason: 'INSTITUTION_NOT_ADMITTED' },
  REINSTATE: { from: ['SUSPENDED'], to: 'ADMITTED', reason: 'INSTITUTION_NOT_SUSPENDED' },
  EXIT: { from: ['ADMITTED', 'SUSPENDED'], to: 'EXITED', reason: 'INSTITUTION_NOT_ON_CATALOGUE' },
};

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

/** The state of each institution on `date`: its last event effective on or before the date. */
export function catalogueAsOf(events: InstitutionEventRow[], names: Map<string, string>, date: string): InstitutionAsOf[] {
  const latest = new Map<string, InstitutionEventRow>();
  for (const event of events) if (event.effectiveOn <= date) latest.set(event.institutionCode, event);
  return [...latest.values()].map((e) => ({
    code: e.institutionCode,
    name: names.get(e.institutionCode) ?? e.institutionCode,
    status: e.statusAfter,
    statusSince: e.effectiveOn,
  }));
}

/**
 * 全县职业技能评价目录清单 the evaluation-institution catalogue: admission, suspension, reinstatement
 * and exit as append-only events with effective dates, so the catalogue on any date can be rebuilt.
 */
export class CatalogueService {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly core: CoreRepository,
  ) {}

  async change(
    action: InstitutionAction,
    args: { code: string; name?: string | null; effectiveOn: string; reason: string },
    actor: Actor,
  ): Promise<InstitutionAsOf> {
    const code = args.code.trim().toUpperCase();
    if (!CODE.test(code))
      throw new InputError('BAD_INSTITUTION_CODE', 'code', `机构代码“${args.code}”无效：须为 2-32 位字母、数字、- 或 _`);
    if (!isIsoDate(args.effectiveOn))
      throw new InputError('BAD_DATE', 'effectiveOn', `生效日期须为 YYYY-MM-DD 格式的真实日期，收到 ${args.effectiveOn}`);
    const reason = requiredText('reason', args.reason, `${actionLabels[action]}原因`, 255);
    const name = args.name?.trim() ? requiredText('name', args.name, '机构名称', 128) : null;
    return retryOnLockConflict(() => this.append(action, code, name, args.effectiveOn, reason, actor));
  }

  private async append(
    action: InstitutionAction,
    code: string,
    name: string | null,
    effectiveOn: string,
    reason: string,
    actor: Actor,
  ): Promise<InstitutionAsOf> {
    const rule = transitions[action];
    const institution = await this.catalogue.institution(code);
    const current = institution ? await this.catalogue.current(code) : null;
    // Repeating the same decision with the same date changes nothing.
    if (current && current.lastAction === action && current.statusSince === effectiveOn)
      return this.state(code, current.name, current.status, current.statusSince);
    if (!institution && action !== 'ADMIT') throw new InputError('INSTITUTION_NOT_FOUND', 'code', `评价机构 ${code} 不在目录记录中`);
    if (!rule.from.includes(current?.status ?? null)) {
      throw new InputError(
        rule.reason,
        'code',
        `评价机构 ${code} 当前${statusLabels[current!.status]}（自 ${current!.statusSince}），不能${actionLabels[action]}`,
      );
    }
    if (current && effectiveOn < current.statusSince) {
      throw new InputError(
        'EVENT_BEFORE_LAST',
        'effectiveOn',
        `生效日期 ${effectiveOn} 早于该机构上一次变更的生效日期 ${current.statusSince}；目录变更须按日期顺序登记`,
      );
    }
    if (!institution && !name) throw new InputError('REQUIRED', 'name', '新纳入目录的评价机构须填写机构名称');
    try {
      await this.core.transaction(async (manager) => {
        if (!institution) await this.catalogue.insertInstitution(manager, code, name!);
        const version = institution?.version ?? 0;
        if (!(await this.catalogue.bumpVersion(manager, code, version))) throw concurrent(code);
        await this.catalogue.appendEvent(manager, {
          institutionCode: code,
          action,
          statusAfter: rule.to,
          effectiveOn,
          reason,
          at: new Date().toISOString(),
          actor: actor.subject,
          actorRole: actor.role,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw concurrent(code);
      throw error;
    }
    return this.state(code, institution?.name ?? name!, rule.to, effectiveOn);
  }

  private state(code: string, name: string, status: InstitutionStatus, statusSince: string): InstitutionAsOf {
    return { code, name, status, statusSince };
  }

  /** The catalogue on a date: institutions admitted and not suspended or exited then (all known ones with includeInactive). */
  async asOf(date: string, includeInactive: boolean): Promise<InstitutionAsOf[]> {
    const [institutions, events] = await Promise.all([this.catalogue.institutions(), this.catalogue.events()]);
    const names = new Map(institutions.map((i) => [i.code, i.name]));
    const all = catalogueAsOf(events, names, date);
    return includeInactive ? all : all.filter((i) => i.status === 'ADMITTED');
  }

  /** Whether an institution is on the catalogue (admitted, not suspended or exited) on a date. */
  async onCatalogue(code: string, date: string): Promise<boolean> {
    const events = await this.catalogue.events([code.trim().toUpperCase()]);
    const state = catalogueAsOf(events, new Map(), date)[0];
    return state?.status === 'ADMITTED';
  }

  /** Per year of the plan period (and any later year up to today): institutions on the catalogue at year end against the milestones. */
  async yearCounts(): Promise<InstitutionYear[]> {
    const plan = planTargets();
    const events = await this.catalogue.events();
    const first = Number(plan.period.from.slice(0, 4));
    const last = Math.max(Number(plan.period.to.slice(0, 4)), Number(todayIso().slice(0, 4)));
    const out: InstitutionYear[] = [];
    for (let year = first; year <= last; year++) {
      const inYear = (e: InstitutionEventRow, action: InstitutionAction) => e.action === action && e.effectiveOn.startsWith(`${year}-`);
      const onCatalogue = catalogueAsOf(events, new Map(), `${year}-12-31`).filter((i) => i.status === 'ADMITTED').length;
      const milestone = plan.milestones.find((m) => m.key === 'evaluationInstitutions' && m.year === year);
      const target = milestone?.target ?? null;
      out.push({
        year,
        onCatalogue,
        admitted: events.filter((e) => inYear(e, 'ADMIT')).length,
        suspended: events.filter((e) => inYear(e, 'SUSPEND')).length,
        exited: events.filter((e) => inYear(e, 'EXIT')).length,
        target,
        ratio: target ? onCatalogue / target : null,
      });
    }
    return out;
  }

  eventsOf(codes: readonly string[]): Promise<InstitutionEventRow[]> {
    return this.catalogue.events(codes);
  }
}

function concurrent(code: string): InputError {
  return new InputError('CONCURRENT_UPDATE', 'code', `评价机构 ${code} 的目录记录刚被他人修改，请刷新后重试`);
}
