import type { EntityManager } from 'typeorm';
import {
  addMonths,
  canonicalCreditCode,
  CoreRepository,
  IdentityService,
  InputError,
  monthsBetween,
  pastDate,
  personIdOf,
  requiredText,
} from '@hub/subgraph-kit';
import { countsOn, enterpriseSizeLabels, isSmallOrMedium } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import type { SubsidyFacts } from '../facts/SubsidyFacts';
import type { ClaimRepository, EmploymentClaimRow } from '../repositories/ClaimRepository';
import { isUniqueViolation, retryOnLockConflict } from '@hub/subgraph-kit';
import type { FundLedgerRepository } from '../repositories/FundLedgerRepository';
import { codeOf } from './claimInput';
import type { SubsidyRuleService } from './SubsidyRuleService';
import { ensureFundBalance, payFromFund } from './payFromFund';
import { fenText, programmeLabels } from './subsidyRules';

interface EmploymentFacts {
  idNumber: string;
  hiredOn: string;
  /** Last day the person is known to be employed there with insurance paid (e.g. from the social insurance record). */
  employedThrough: string;
  /** Months of employee social insurance paid since hiring. */
  insuredMonths: number;
}

export interface HiringClaimInput extends EmploymentFacts {
  /** 统一社会信用代码 of an enterprise on hrss's register. */
  employerCode: string;
  employerName: string;
  /** Deprecated and ignored: the size class now comes from hrss's enterprise register, not from the claimant. */
  smallOrMediumEnterprise?: boolean | null;
}

export interface ReferralClaimInput extends EmploymentFacts {
  agencyCode: string;
  agencyName: string;
  employerName: string;
}

type Programme = 'HIRING' | 'REFERRAL';

/**
 * 吸纳就业补助 and 职业介绍补贴 (plan 7): a certificate holder at hire, employed and insured long
 * enough; hiring subsidies capped per employer over all years (累计) by a conditional update of the
 * running total; every payment within its programme-year's allocation.
 */
export class EmploymentSubsidyService {
  constructor(
    private readonly claims: ClaimRepository,
    private readonly funds: FundLedgerRepository,
    private readonly rules: SubsidyRuleService,
    private readonly facts: SubsidyFacts,
    private readonly core: CoreRepository,
    private readonly identity: IdentityService,
  ) {}

  /**
   * The employer must be on hrss's enterprise register as a medium, small or micro enterprise (中小微企业): its
   * size class is the register's, whatever the claimant declares; the claim is kept under the register's name.
   */
  async claimHiring(input: HiringClaimInput, actor: Actor): Promise<EmploymentClaimRow> {
    const claimantCode = canonicalCreditCode(input.employerCode, 'employerCode');
    requiredText('employerName', input.employerName, '用人单位名称', 128);
    const enterprise = await this.facts.enterprise(claimantCode);
    if (!enterprise) {
      throw new InputError(
        'ENTERPRISE_NOT_REGISTERED',
        'employerCode',
        `统一社会信用代码 ${claimantCode} 不在人社局企业名录中，须先登记企业及其规模`,
      );
    }
    if (!isSmallOrMedium(enterprise.sizeClass)) {
      throw new InputError(
        'NOT_SME',
        'employerCode',
        `吸纳就业一次性补助只发放给中小微企业；${enterprise.name} 在企业名录中登记为${enterpriseSizeLabels[enterprise.sizeClass] ?? enterprise.sizeClass}企业`,
      );
    }
    const claimantName = enterprise.name.slice(0, 128);
    return this.claim('HIRING', { claimantCode, claimantName, employerName: claimantName }, input, actor);
  }

  claimReferral(input: ReferralClaimInput, actor: Actor): Promise<EmploymentClaimRow> {
    const claimantCode = codeOf('agencyCode', input.agencyCode, '人力资源服务机构代码');
    const claimantName = requiredText('agencyName', input.agencyName, '人力资源服务机构名称', 128);
    const employerName = requiredText('employerName', input.employerName, '就业单位名称', 128);
    return this.claim('REFERRAL', { claimantCode, claimantName, employerName }, input, actor);
  }

  private async claim(
    programme: Programme,
    claimant: { claimantCode: string; claimantName: string; employerName: string },
    facts: EmploymentFacts,
    actor: Actor,
  ): Promise<EmploymentClaimRow> {
    const personId = personIdOf(this.identity, facts.idNumber);
    const hiredOn = pastDate('hiredOn', facts.hiredOn, '入职日期');
    const employedThrough = pastDate('employedThrough', facts.employedThrough, '在职截止日期');
    if (employedThrough < hiredOn)
      throw new InputError('BAD_DATE_RANGE', 'employedThrough', `在职截止日期 ${employedThrough} 早于入职日期 ${hiredOn}`);
    const employedMonths = monthsBetween(hiredOn, employedThrough);
    if (!Number.isInteger(facts.insuredMonths) || facts.insuredMonths < 0 || facts.insuredMonths > employedMonths + 1) {
      throw new InputError(
        'BAD_INSURED_MONTHS',
        'insuredMonths',
        `缴纳社会保险月数 ${facts.insuredMonths} 无效：须为 0 到 ${employedMonths + 1} 之间的整数（入职至在职截止日期）`,
      );
    }
    const keys = ['PER_PERSON', 'MIN_EMPLOYED_MONTHS', 'MIN_INSURED_MONTHS', ...(programme === 'HIRING' ? ['CAP_PER_EMPLOYER'] : [])];
    const rule = await this.rules.require(programme, hiredOn, keys, 'hiredOn');
    if (employedThrough < addMonths(hiredOn, rule.MIN_EMPLOYED_MONTHS)) {
      throw new InputError(
        'EMPLOYMENT_TOO_SHORT',
        'employedThrough',
        `稳定就业不足 ${rule.MIN_EMPLOYED_MONTHS} 个月：${hiredOn} 入职，须在职至 ${addMonths(hiredOn, rule.MIN_EMPLOYED_MONTHS)} 或以后`,
      );
    }
    if (facts.insuredMonths < rule.MIN_INSURED_MONTHS) {
      throw new InputError(
        'INSURANCE_TOO_SHORT',
        'insuredMonths',
        `缴纳职工社会保险 ${facts.insuredMonths} 个月，不足 ${rule.MIN_INSURED_MONTHS} 个月`,
      );
    }
    const earlier = await this.claims.employmentFor(programme, claimant.claimantCode, personId);
    if (earlier) throw duplicate(earlier);
    const certificate = (await this.facts.holdingsOf(personId)).find((h) => countsOn(h, hiredOn));
    if (!certificate) {
      throw new InputError(
        'NO_CERTIFICATE_AT_HIRE',
        'idNumber',
        `该人员在入职日期 ${hiredOn} 不持有有效证书（全县持证索引），不属于持证人员`,
      );
    }
    const year = Number(hiredOn.slice(0, 4));
    const amountFen = rule.PER_PERSON;
    if (programme === 'HIRING') await this.ensureEmployerTotal(claimant.claimantCode);
    await ensureFundBalance(this.core, this.funds, programme, year);
    try {
      const id = await retryOnLockConflict(() =>
        this.core.transaction(async (manager) => {
          if (
            programme === 'HIRING' &&
            !(await this.claims.addWithinCap(manager, claimant.claimantCode, amountFen, rule.CAP_PER_EMPLOYER))
          ) {
            throw await this.capReached(manager, claimant.claimantCode, amountFen, rule.CAP_PER_EMPLOYER);
          }
          const claimId = await this.claims.insertEmployment(manager, {
            programme,
            ...claimant,
            personId,
            hiredOn,
            employedThrough,
            insuredMonths: facts.insuredMonths,
            year,
            amountFen,
            certificateDepartment: certificate.department,
            certificateId: certificate.certificateId,
            claimedBy: actor.subject,
            claimedRole: actor.role,
            claimedAt: new Date().toISOString(),
          });
          await payFromFund(
            manager,
            this.funds,
            {
              programme,
              year,
              amountFen,
              payee: claimant.claimantName.slice(0, 128),
              who: actor.subject,
              role: actor.role,
              why: `${programmeLabels[programme]}：${hiredOn} 入职 ${claimant.employerName}，在职至 ${employedThrough}，社保 ${facts.insuredMonths} 个月`.slice(
                0,
                255,
              ),
              reference: `${programme.toLowerCase()}_claim:${claimId}`,
            },
            'hiredOn',
          );
          return claimId;
        }),
      );
      return (await this.claims.employmentById(id))!;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.claims.employmentFor(programme, claimant.claimantCode, personId);
      throw winner ? duplicate(winner) : new InputError('DUPLICATE_CLAIM', 'idNumber', `${programmeLabels[programme]}不得重复申领`);
    }
  }

  /** The employer's running total must exist before claims update it (created at zero, once). */
  private async ensureEmployerTotal(employerCode: string): Promise<void> {
    if (await this.claims.employerTotal(employerCode)) return;
    try {
      await this.core.transaction((manager) => this.claims.insertEmployerTotal(manager, employerCode));
    } catch (error) {
      // Another claim created it at the same moment: that is all we wanted.
      if (!isUniqueViolation(error)) throw error;
    }
  }

  /** Read through the transaction's own connection: a second pooled one could wait on the lock this transaction holds. */
  private async capReached(manager: EntityManager, employerCode: string, amountFen: number, capFen: number): Promise<InputError> {
    const total = (await this.claims.employerTotal(employerCode, manager))?.totalFen ?? 0;
    return new InputError(
      'CAP_REACHED',
      'employerCode',
      `用人单位 ${employerCode} 已累计获得吸纳就业补助 ${fenText(total)}，再发放 ${fenText(amountFen)} 将超过每家单位累计最高 ${fenText(capFen)} 的限额`,
    );
  }
}

function duplicate(claim: EmploymentClaimRow): InputError {
  return new InputError(
    'DUPLICATE_CLAIM',
    'idNumber',
    `${programmeLabels[claim.programme]}不得重复申领：${claim.claimantName} 已于 ${claim.claimedAt.slice(0, 10)} 为该人员申领 ${fenText(claim.amountFen)}`,
  );
}
