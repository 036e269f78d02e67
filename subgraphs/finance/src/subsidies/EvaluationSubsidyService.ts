import { CoreRepository, IdentityService, InputError, occupationCodeOf, pastDate, personIdOf } from '@hub/subgraph-kit';
import { isWithdrawn, kindInfo, SkillLevel } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import type { IndexedHolding } from '@hub/subgraph-kit';
import type { SubsidyFacts } from '../facts/SubsidyFacts';
import type { ClaimRepository, EvaluationClaimRow } from '../repositories/ClaimRepository';
import { isUniqueViolation, retryOnLockConflict } from '@hub/subgraph-kit';
import type { FundLedgerRepository } from '../repositories/FundLedgerRepository';
import { codeOf } from './claimInput';
import { ensureFundBalance, payFromFund } from './payFromFund';
import type { SubsidyRuleService } from './SubsidyRuleService';
import { fenText } from './subsidyRules';

export interface EvaluationClaimInput {
  institutionCode: string;
  idNumber: string;
  occupation: string;
  /** null: 专项职业能力 (unlevelled). */
  level?: SkillLevel | null;
  evaluatedOn: string;
}

/** Does the certificate prove this evaluation: the occupation, the level (or 专项职业能力), issued on or after it, not withdrawn (撤销/注销). */
function proves(h: IndexedHolding, occupationCode: string, level: string, evaluatedOn: string): boolean {
  const levelMatches = level === 'SPECIAL_ABILITY' ? h.kind === 'SPECIAL_ABILITY' : kindInfo[h.kind]?.levelled && h.level === level;
  return h.occupationCode === occupationCode && Boolean(levelMatches) && h.issuedOn >= evaluatedOn && !isWithdrawn(h.status);
}

/**
 * 职业技能评价补贴 (plan 4): paid to an evaluation institution on the county catalogue on the
 * evaluation date, per certificate by level, the same person, occupation and level only once.
 */
export class EvaluationSubsidyService {
  constructor(
    private readonly claims: ClaimRepository,
    private readonly funds: FundLedgerRepository,
    private readonly rules: SubsidyRuleService,
    private readonly facts: SubsidyFacts,
    private readonly core: CoreRepository,
    private readonly identity: IdentityService,
  ) {}

  async claim(input: EvaluationClaimInput, actor: Actor): Promise<EvaluationClaimRow> {
    const institutionCode = codeOf('institutionCode', input.institutionCode, '评价机构代码');
    const personId = personIdOf(this.identity, input.idNumber);
    const occupationCode = occupationCodeOf(input.occupation);
    const level = input.level ?? 'SPECIAL_ABILITY';
    const evaluatedOn = pastDate('evaluatedOn', input.evaluatedOn, '评价日期');
    // A quick look for a clearer answer; the UNIQUE constraint below is what decides.
    const earlier = await this.claims.evaluationFor(personId, occupationCode, level);
    if (earlier) throw duplicate(earlier);
    const { [level]: amountFen } = await this.rules.require('EVALUATION', evaluatedOn, [level], 'level');
    const facts = await this.facts.evaluationFacts(institutionCode, evaluatedOn, personId);
    if (!facts.onCatalogue) {
      throw new InputError(
        'NOT_ON_CATALOGUE',
        'institutionCode',
        `评价机构 ${institutionCode} 在评价日期 ${evaluatedOn} 不在全县职业技能评价目录清单内，不能申领评价补贴`,
      );
    }
    const certificate = facts.holdings.find((h) => proves(h, occupationCode, level, evaluatedOn));
    if (!certificate) {
      throw new InputError(
        'NO_CERTIFICATE',
        'idNumber',
        `全县持证索引中没有该人员 ${occupationCode} ${level === 'SPECIAL_ABILITY' ? '专项职业能力' : level} 、${evaluatedOn} 以后颁发且未撤销的证书，不能申领评价补贴`,
      );
    }
    const year = Number(evaluatedOn.slice(0, 4));
    await ensureFundBalance(this.core, this.funds, 'EVALUATION', year);
    try {
      const id = await retryOnLockConflict(() =>
        this.core.transaction(async (manager) => {
          const claimId = await this.claims.insertEvaluation(manager, {
            personId,
            occupationCode,
            level,
            institutionCode,
            evaluatedOn,
            amountFen,
            certificateDepartment: certificate.department,
            certificateId: certificate.certificateId,
            certificateIssuedOn: certificate.issuedOn,
            claimedBy: actor.subject,
            claimedRole: actor.role,
            claimedAt: new Date().toISOString(),
          });
          await payFromFund(
            manager,
            this.funds,
            {
              programme: 'EVALUATION',
              year,
              amountFen,
              payee: institutionCode,
              who: actor.subject,
              role: actor.role,
              why: `评价补贴：${occupationCode} ${level}，评价日期 ${evaluatedOn}，证书 ${certificate.department}/${certificate.certificateId}`,
              reference: `evaluation_claim:${claimId}`,
            },
            'evaluatedOn',
          );
          return claimId;
        }),
      );
      return (await this.claims.evaluationById(id))!;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.claims.evaluationFor(personId, occupationCode, level);
      throw winner ? duplicate(winner) : new InputError('DUPLICATE_CLAIM', 'idNumber', '同一人员同一职业同一等级的评价补贴不得重复申领');
    }
  }
}

function duplicate(claim: EvaluationClaimRow): InputError {
  return new InputError(
    'DUPLICATE_CLAIM',
    'idNumber',
    `同一人员同一职业同一等级的评价补贴不得重复申领：该人员 ${claim.occupationCode} ${claim.level} 已由评价机构 ${claim.institutionCode} 于 ${claim.claimedAt.slice(0, 10)} 申领 ${fenText(claim.amountFen)}`,
  );
}
