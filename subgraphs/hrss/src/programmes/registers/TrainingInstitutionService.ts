import {
  canonicalCreditCode,
  CoreRepository,
  CountyHoldings,
  InputError,
  passRate,
  requiredText,
  type InstitutionOutput,
} from '@hub/subgraph-kit';
import { planTargets } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import type { RegisterRepository, SelectionRow, TrainingInstitutionRow } from '../repositories/RegisterRepository';

/** A selected institution of a year. */
export interface SelectedInstitution {
  code: string;
  name: string;
  creditCode: string | null;
  year: number;
  selectedOn: string;
  selectedBy: string;
  reason: string;
}

/** A selected institution with what it delivered that year. */
export interface InstitutionWithOutput extends SelectedInstitution {
  output: InstitutionOutput;
}

/** 培训成效 what one institution delivered in a year (the kit's rule, over every department's records). */
export type { InstitutionOutput };

/** A year of the register against the plan's 遴选培训机构 (about eight a year, 三(一) clause 3). */
export interface InstitutionYear {
  year: number;
  selected: number;
  /** The plan's figure (an approximate one: `comparison` is "about"); null when the plan data has none. */
  target: number | null;
  /** The selected institutions' outputs added up (pass rate over the sums). */
  output: InstitutionOutput;
  institutions: InstitutionWithOutput[];
}

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

/**
 * 社会培训机构名录 the social training institutions the county selects each year (about eight), each selection and
 * withdrawal with who and why, and each institution's output computed from every department's training and
 * certificate records in the county holder index (a training is the institution's when its provider is the
 * institution's name, code or credit code, compared under institutionKey), asked with a signed service call.
 */
export class TrainingInstitutionService {
  constructor(
    private readonly registers: RegisterRepository,
    private readonly core: CoreRepository,
    private readonly county: CountyHoldings,
  ) {}

  async select(
    args: { code: string; name?: string | null; creditCode?: string | null; year: number; reason: string },
    actor: Actor,
  ): Promise<SelectedInstitution> {
    const code = codeOf(args.code);
    const year = yearOf(args.year);
    const reason = requiredText('reason', args.reason, '遴选依据', 255);
    const creditCode = args.creditCode ? canonicalCreditCode(args.creditCode) : null;
    const name = args.name?.trim() ? requiredText('name', args.name, '机构名称', 128) : null;
    await this.core.transaction(async (manager) => {
      const known = await this.registers.trainingInstitution(code, manager);
      if (!known && !name) throw new InputError('REQUIRED', 'name', '首次入选的培训机构须填写机构名称');
      if (!known)
        await this.registers.insertTrainingInstitution(manager, { code, name: name!, creditCode, createdAt: new Date().toISOString() });
      else if ((name && name !== known.name) || (creditCode && creditCode !== known.creditCode)) {
        await this.registers.renameTrainingInstitution(manager, code, name ?? known.name, creditCode ?? known.creditCode);
      }
      if (currentAction(await this.registers.selections(year), code) === 'SELECT') {
        throw new InputError('ALREADY_SELECTED', 'code', `培训机构 ${code} 已入选 ${year} 年度名录`);
      }
      await this.registers.appendSelection(manager, {
        institutionCode: code,
        year,
        action: 'SELECT',
        reason,
        at: new Date().toISOString(),
        actor: actor.subject,
        actorRole: actor.role,
      });
    });
    return (await this.selected(year)).find((i) => i.code === code)!;
  }

  async withdraw(args: { code: string; year: number; reason: string }, actor: Actor): Promise<boolean> {
    const code = codeOf(args.code);
    const year = yearOf(args.year);
    const reason = requiredText('reason', args.reason, '撤销原因', 255);
    await this.core.transaction(async (manager) => {
      if (currentAction(await this.registers.selections(year), code) !== 'SELECT') {
        throw new InputError('NOT_SELECTED', 'code', `培训机构 ${code} 不在 ${year} 年度名录中`);
      }
      await this.registers.appendSelection(manager, {
        institutionCode: code,
        year,
        action: 'WITHDRAW',
        reason,
        at: new Date().toISOString(),
        actor: actor.subject,
        actorRole: actor.role,
      });
    });
    return true;
  }

  /**
   * The institutions selected for the year (withdrawn ones left out), without their output: selecting (the demo
   * seed included) needs no county service.
   */
  async selected(year: number): Promise<SelectedInstitution[]> {
    const [institutions, decisions] = await Promise.all([this.registers.trainingInstitutions(), this.registers.selections(yearOf(year))]);
    const latest = new Map<string, SelectionRow>();
    for (const d of decisions) latest.set(d.institutionCode, d);
    return institutions
      .filter((i) => latest.get(i.code)?.action === 'SELECT')
      .map((i) => {
        const decision = latest.get(i.code)!;
        return {
          code: i.code,
          name: i.name,
          creditCode: i.creditCode,
          year,
          selectedOn: decision.at.slice(0, 10),
          selectedBy: decision.actor,
          reason: decision.reason,
        };
      });
  }

  /** The institutions selected for the year with their output that year (one question to the county service). */
  async selectedWithOutputs(year: number): Promise<InstitutionWithOutput[]> {
    const institutions = await this.selected(year);
    const outputs = await this.outputs(institutions, year);
    return institutions.map((i, n) => ({ ...i, output: outputs[n] }));
  }

  /** The year's selection against the plan's figure, with the outputs added up. */
  async year(year: number): Promise<InstitutionYear> {
    const institutions = await this.selectedWithOutputs(year);
    const sum = (key: 'trained' | 'completed' | 'certified') => institutions.reduce((n, i) => n + i.output[key], 0);
    const [trained, completed, certified] = [sum('trained'), sum('completed'), sum('certified')];
    const target = planTargets().annualCounts.find((c) => c.key === 'selectedTrainingInstitutions')?.target ?? null;
    return {
      year,
      selected: institutions.length,
      target,
      output: { trained, completed, certified, passRate: passRate(certified, completed) },
      institutions,
    };
  }

  /** Every selection decision of a year, oldest first: the register's audit trail. */
  decisions(year: number): Promise<SelectionRow[]> {
    return this.registers.selections(yearOf(year));
  }

  /**
   * 培训成效 over every department's records, asked of the county holder index; an institution goes by its name, code
   * and credit code.
   */
  outputs(
    institutions: readonly Pick<TrainingInstitutionRow, 'name' | 'code' | 'creditCode'>[],
    year: number,
  ): Promise<InstitutionOutput[]> {
    return this.county.institutionOutputs(
      institutions.map((i) => [i.name, i.code, ...(i.creditCode ? [i.creditCode] : [])]),
      year,
    );
  }
}

function currentAction(decisions: SelectionRow[], code: string): SelectionRow['action'] | null {
  let action: SelectionRow['action'] | null = null;
  for (const d of decisions) if (d.institutionCode === code) action = d.action;
  return action;
}

function codeOf(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!CODE.test(code)) throw new InputError('BAD_INSTITUTION_CODE', 'code', `机构代码“${raw}”无效：须为 2-32 位字母、数字、- 或 _`);
  return code;
}

function yearOf(year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年度 ${year} 无效`);
  return year;
}
