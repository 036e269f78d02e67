import {
  canonicalCreditCode,
  CoreRepository,
  InputError,
  isUniqueViolation,
  requiredText,
  retryOnLockConflict,
  todayIso,
} from '@hub/subgraph-kit';
import { countsOn, townshipByCode, type CertificateStatus } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import type { EnterpriseRow, EvaluatedCertificate, RegisterRepository, SizeClass } from '../repositories/RegisterRepository';

export interface EnterpriseInput {
  creditCode: string;
  name?: string | null;
  sizeClass?: SizeClass | null;
  employees?: number | null;
  townshipCode?: string | null;
}

/** 企业自主评价 coverage of one enterprise on a date. */
export interface SelfEvaluation {
  /** Distinct people holding a counting hrss certificate evaluated by the enterprise itself. */
  certifiedEmployees: number;
  /** certifiedEmployees / the declared 职工人数; null when the headcount is not declared. */
  coverage: number | null;
  asOf: string;
}

/**
 * The 企业自主评价 rule: an hrss certificate is the enterprise's own evaluation when its evaluation institution
 * (评价机构) is written as the enterprise's 统一社会信用代码 or exactly its registered name; it covers its holder
 * while it counts on the date (countsOn: issued, not expired, not withdrawn). A person is counted once.
 */
export function selfEvaluation(
  enterprise: Pick<EnterpriseRow, 'creditCode' | 'name' | 'employees'>,
  certificates: EvaluatedCertificate[],
  asOf: string,
): SelfEvaluation {
  const own = new Set([enterprise.creditCode, enterprise.name.trim()]);
  const people = new Set<string>();
  for (const c of certificates) {
    if (
      own.has(c.evaluationInstitution.trim()) &&
      countsOn({ status: c.status as CertificateStatus, issuedOn: c.issuedOn, validUntil: c.validUntil, revokedOn: c.revokedOn }, asOf)
    )
      people.add(c.personId);
  }
  const employees = enterprise.employees;
  return { certifiedEmployees: people.size, coverage: employees ? Math.round((people.size / employees) * 10000) / 10000 : null, asOf };
}

/**
 * 企业名录 the enterprise register of the 人社局: one row per 统一社会信用代码 with its name, size class and
 * headcount; every registration and correction appended to enterprise_event with who and why.
 */
export class EnterpriseService {
  constructor(
    private readonly registers: RegisterRepository,
    private readonly core: CoreRepository,
  ) {}

  async register(input: EnterpriseInput, reason: string, actor: Actor): Promise<EnterpriseRow> {
    const creditCode = canonicalCreditCode(input.creditCode);
    const name = requiredText('name', input.name, '企业名称', 128);
    if (!input.sizeClass) throw new InputError('REQUIRED', 'sizeClass', '须填写企业规模（大型/中型/小型/微型）');
    const facts = {
      creditCode,
      name,
      sizeClass: input.sizeClass,
      employees: employeesOf(input.employees),
      townshipCode: townshipOf(input.townshipCode),
    };
    const why = requiredText('reason', reason, '登记原因', 255);
    const now = new Date().toISOString();
    try {
      await this.core.transaction(async (manager) => {
        if (await this.registers.enterprise(creditCode, manager)) throw alreadyRegistered(creditCode);
        await this.registers.insertEnterprise(manager, { ...facts, createdAt: now, updatedAt: now });
        await this.registers.appendEnterpriseEvent(manager, {
          creditCode,
          action: 'REGISTER',
          snapshot: JSON.stringify(facts),
          reason: why,
          at: now,
          actor: actor.subject,
          actorRole: actor.role,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyRegistered(creditCode);
      throw error;
    }
    return (await this.registers.enterprise(creditCode))!;
  }

  /** Corrects the given facts (absent ones are kept); the credit code itself is the key and cannot change. */
  async correct(input: EnterpriseInput, reason: string, actor: Actor): Promise<EnterpriseRow> {
    const creditCode = canonicalCreditCode(input.creditCode);
    const why = requiredText('reason', reason, '更正原因', 255);
    return retryOnLockConflict(async () => {
      const current = await this.registers.enterprise(creditCode);
      if (!current) throw new InputError('ENTERPRISE_NOT_FOUND', 'creditCode', `统一社会信用代码 ${creditCode} 不在企业名录中，请先登记`);
      const facts = {
        creditCode,
        name: input.name === undefined || input.name === null ? current.name : requiredText('name', input.name, '企业名称', 128),
        sizeClass: input.sizeClass ?? current.sizeClass,
        employees: input.employees === undefined ? current.employees : employeesOf(input.employees),
        townshipCode: input.townshipCode === undefined ? current.townshipCode : townshipOf(input.townshipCode),
      };
      const now = new Date().toISOString();
      await this.core.transaction(async (manager) => {
        if (!(await this.registers.updateEnterprise(manager, { ...facts, updatedAt: now }, current.version))) {
          throw new InputError('CONCURRENT_CHANGE', 'creditCode', `企业 ${creditCode} 刚被他人更正，请刷新后重试`);
        }
        await this.registers.appendEnterpriseEvent(manager, {
          creditCode,
          action: 'CORRECT',
          snapshot: JSON.stringify(facts),
          reason: why,
          at: now,
          actor: actor.subject,
          actorRole: actor.role,
        });
      });
      return (await this.registers.enterprise(creditCode))!;
    });
  }

  /** The enterprise's current facts, or null when the code is not registered (a malformed code is refused). */
  async byCode(raw: string): Promise<EnterpriseRow | null> {
    return this.registers.enterprise(canonicalCreditCode(raw));
  }

  list(filter: { sizeClass?: SizeClass | null; nameContains?: string | null }): Promise<EnterpriseRow[]> {
    return this.registers.enterprises({ sizeClass: filter.sizeClass, nameContains: filter.nameContains?.trim() || null });
  }

  /** 企业自主评价 coverage of each enterprise, in the order given (one query for all). */
  async selfEvaluations(enterprises: readonly EnterpriseRow[], asOf = todayIso()): Promise<SelfEvaluation[]> {
    const evaluators = [...new Set(enterprises.flatMap((e) => [e.creditCode, e.name.trim()]))];
    const certificates = await this.registers.certificatesEvaluatedBy(evaluators);
    return enterprises.map((e) => selfEvaluation(e, certificates, asOf));
  }

  events(codes: readonly string[]) {
    return this.registers.enterpriseEvents(codes);
  }
}

function alreadyRegistered(creditCode: string): InputError {
  return new InputError('ENTERPRISE_ALREADY_REGISTERED', 'creditCode', `统一社会信用代码 ${creditCode} 已在企业名录中；如需修改请使用更正`);
}

function employeesOf(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000)
    throw new InputError('BAD_EMPLOYEES', 'employees', `职工人数 ${value} 无效：须为正整数`);
  return value;
}

function townshipOf(code: string | null | undefined): string | null {
  if (code === null || code === undefined || code.trim() === '') return null;
  if (!townshipByCode(code.trim())) throw new InputError('BAD_TOWNSHIP', 'townshipCode', `乡镇代码 ${code} 不是濮阳县的乡镇（街道）`);
  return code.trim();
}
