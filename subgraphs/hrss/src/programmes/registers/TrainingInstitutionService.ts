import { addMonths, canonicalCreditCode, CoreRepository, InputError, requiredText } from '@hub/subgraph-kit';
import { countsOn, planTargets, type CertificateStatus } from '@hub/vocabulary';
import type { Actor } from '../access';
import type {
  PersonCertificate,
  ProvidedTraining,
  RegisterRepository,
  SelectionRow,
  TrainingInstitutionRow,
} from '../repositories/RegisterRepository';

/** A selected institution of a year with what it delivered that year. */
export interface SelectedInstitution {
  code: string;
  name: string;
  creditCode: string | null;
  year: number;
  selectedOn: string;
  selectedBy: string;
  reason: string;
  output: InstitutionOutput;
}

/** 培训成效 what one institution delivered in a year, from hrss's training and certificate records. */
export interface InstitutionOutput {
  /** 培训人次 trainings it gave that started in the year. */
  trained: number;
  /** 结业人次 of which completed. */
  completed: number;
  /** 取证人次 of which the trainee obtained a certificate (see certifiedAfter). */
  certified: number;
  /** 取证率 certified / completed; null when none completed. */
  passRate: number | null;
}

/** A year of the register against the plan's 遴选培训机构 (about eight a year, 三(一) clause 3). */
export interface InstitutionYear {
  year: number;
  selected: number;
  /** The plan's figure (an approximate one: `comparison` is "about"); null when the plan data has none. */
  target: number | null;
  /** The selected institutions' outputs added up (pass rate over the sums). */
  output: InstitutionOutput;
  institutions: SelectedInstitution[];
}

/** How long after the start of a training a certificate is still counted as its result. */
export const CERTIFIED_WITHIN_MONTHS = 12;

type Cert = PersonCertificate & { status: string; validUntil: string | null; revokedOn: string | null };

/**
 * The output rule: a training counts as certified when its trainee holds an hrss certificate issued on or after the
 * training's start and within CERTIFIED_WITHIN_MONTHS of it, of the training's occupation when both name one, and
 * valid on the day it was issued (a certificate withdrawn from its issue date is no result).
 */
export function institutionOutput(trainings: ProvidedTraining[], certificates: Cert[]): InstitutionOutput {
  const byPerson = new Map<string, Cert[]>();
  for (const c of certificates) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
  let completed = 0;
  let certified = 0;
  for (const t of trainings) {
    if (t.outcome === 'COMPLETED') completed += 1;
    const until = addMonths(t.startDate, CERTIFIED_WITHIN_MONTHS);
    const result = (byPerson.get(t.personId) ?? []).some(
      (c) =>
        c.issuedOn >= t.startDate &&
        c.issuedOn <= until &&
        (t.occupationCode === null || c.occupationCode === null || c.occupationCode === t.occupationCode) &&
        countsOn(
          { status: c.status as CertificateStatus, issuedOn: c.issuedOn, validUntil: c.validUntil, revokedOn: c.revokedOn },
          c.issuedOn,
        ),
    );
    if (result) certified += 1;
  }
  return {
    trained: trainings.length,
    completed,
    certified,
    passRate: completed ? Math.round((certified / completed) * 10000) / 10000 : null,
  };
}

const CODE = /^[A-Za-z0-9_-]{2,32}$/;

/**
 * 社会培训机构名录 the social training institutions the county selects each year (about eight), each selection and
 * withdrawal with who and why, and each institution's output computed from hrss's own training and certificate
 * records (a training is the institution's when training.provider is its name, code or credit code).
 */
export class TrainingInstitutionService {
  constructor(
    private readonly registers: RegisterRepository,
    private readonly core: CoreRepository,
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

  /** The institutions selected for the year (withdrawn ones left out) with their output that year. */
  async selected(year: number): Promise<SelectedInstitution[]> {
    const [institutions, decisions] = await Promise.all([this.registers.trainingInstitutions(), this.registers.selections(yearOf(year))]);
    const latest = new Map<string, SelectionRow>();
    for (const d of decisions) latest.set(d.institutionCode, d);
    const chosen = institutions.filter((i) => latest.get(i.code)?.action === 'SELECT');
    const outputs = await this.outputs(chosen, year);
    return chosen.map((i, n) => {
      const decision = latest.get(i.code)!;
      return {
        code: i.code,
        name: i.name,
        creditCode: i.creditCode,
        year,
        selectedOn: decision.at.slice(0, 10),
        selectedBy: decision.actor,
        reason: decision.reason,
        output: outputs[n],
      };
    });
  }

  /** The year's selection against the plan's figure, with the outputs added up. */
  async year(year: number): Promise<InstitutionYear> {
    const institutions = await this.selected(year);
    const sum = (key: 'trained' | 'completed' | 'certified') => institutions.reduce((n, i) => n + i.output[key], 0);
    const [trained, completed, certified] = [sum('trained'), sum('completed'), sum('certified')];
    const target = planTargets().annualCounts.find((c) => c.key === 'selectedTrainingInstitutions')?.target ?? null;
    return {
      year,
      selected: institutions.length,
      target,
      output: { trained, completed, certified, passRate: completed ? Math.round((certified / completed) * 10000) / 10000 : null },
      institutions,
    };
  }

  /** Every selection decision of a year, oldest first: the register's audit trail. */
  decisions(year: number): Promise<SelectionRow[]> {
    return this.registers.selections(yearOf(year));
  }

  private async outputs(institutions: TrainingInstitutionRow[], year: number): Promise<InstitutionOutput[]> {
    const namesOf = (i: TrainingInstitutionRow) => [i.name, i.code, ...(i.creditCode ? [i.creditCode] : [])];
    const trainings = await this.registers.trainingsProvidedBy(
      [...new Set(institutions.flatMap(namesOf))],
      `${year}-01-01`,
      `${year}-12-31`,
    );
    const certificates = await this.registers.certificatesOf(trainings.map((t) => t.personId));
    return institutions.map((i) => {
      const own = new Set(namesOf(i));
      return institutionOutput(
        trainings.filter((t) => own.has(t.provider)),
        certificates,
      );
    });
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
