import {
  CoreRepository,
  CountyHoldings,
  Figure,
  figureOf,
  IdentityService,
  InputError,
  isIsoDate,
  notFound,
  occupationCodeOf,
  personIdOf,
  PersonInput,
  preparePerson,
  requiredText,
} from '@hub/subgraph-kit';
import { isWithdrawn, planTargets } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import { isUniqueViolation, retryOnLockConflict } from '@hub/subgraph-kit';
import { withdrawalText } from '../vouchers/voucherRules';
import { registerPerson } from '../repositories/registerPerson';
import type { CompetitionEntryRow, CompetitionRepository, CompetitionRow } from '../repositories/CompetitionRepository';

export const competitionTiers = ['NATIONAL', 'PROVINCIAL', 'CITY', 'COUNTY', 'INDUSTRY', 'ENTERPRISE', 'SCHOOL'] as const;
export const competitionAwards = ['FIRST', 'SECOND', 'THIRD', 'EXCELLENCE', 'NONE'] as const;

export interface CompetitionInput {
  code: string;
  name: string;
  tier: string;
  organizer: string;
  startDate: string;
  endDate: string;
  occupations: string[];
}

export interface ContestantInput extends PersonInput {
  occupation: string;
}

export interface ResultInput {
  idNumber: string;
  occupation: string;
  rank?: number | null;
  award?: string | null;
  certificate?: { department: string; certificateId: string } | null;
}

/** Kinds that count as 取得职业资格证书或职业技能等级证书 (plan clause 14). */
const COMPETITION_CERTIFICATE_KINDS = new Set(['VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL']);

/** 职业技能竞赛 (plan 12-14): events, their occupations, contestants, results, awards and certificates earned. */
export class CompetitionService {
  constructor(
    private readonly competitions: CompetitionRepository,
    private readonly holdings: CountyHoldings,
    private readonly core: CoreRepository,
    private readonly identity: IdentityService,
  ) {}

  async competition(code: string): Promise<CompetitionRow> {
    const found = await this.competitions.byCode(code.trim().toUpperCase());
    if (!found) throw notFound(`竞赛 ${code} 不存在`);
    return found;
  }

  /** Records or corrects a competition (by code). */
  async record(input: CompetitionInput, actor: Actor): Promise<CompetitionRow> {
    const code = requiredText('code', input.code, '竞赛编号', 32).toUpperCase();
    const name = requiredText('name', input.name, '竞赛名称', 128);
    const organizer = requiredText('organizer', input.organizer, '主办单位', 128);
    if (!(competitionTiers as readonly string[]).includes(input.tier))
      throw new InputError('BAD_TIER', 'tier', `竞赛级别“${input.tier}”无效`);
    for (const [field, value] of [
      ['startDate', input.startDate],
      ['endDate', input.endDate],
    ] as const) {
      if (!isIsoDate(value)) throw new InputError('BAD_DATE', field, `日期须为 YYYY-MM-DD 格式的真实日期，收到 ${value}`);
    }
    if (input.endDate < input.startDate)
      throw new InputError('BAD_DATE_RANGE', 'endDate', `结束日期 ${input.endDate} 早于开始日期 ${input.startDate}`);
    const occupations = [...new Set(input.occupations.map((o, i) => occupationCodeOf(o, `occupations.${i}`)))];
    if (!occupations.length) throw new InputError('REQUIRED', 'occupations', '竞赛须至少设一个职业(工种)');
    const existing = await this.competitions.byCode(code);
    if (existing) {
      const entered = new Set((await this.competitions.entriesOf([existing.id])).map((e) => e.occupationCode));
      const dropped = [...entered].filter((o) => !occupations.includes(o));
      if (dropped.length)
        throw new InputError(
          'OCCUPATION_HAS_CONTESTANTS',
          'occupations',
          `竞赛 ${code} 的 ${dropped.join('、')} 项目已有参赛选手，不能删去`,
        );
    }
    try {
      await retryOnLockConflict(() =>
        this.core.transaction((manager) =>
          this.competitions.save(
            manager,
            { code, name, tier: input.tier, organizer, startDate: input.startDate, endDate: input.endDate, createdBy: actor.subject },
            occupations,
          ),
        ),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw new InputError('CONCURRENT_UPDATE', 'code', `竞赛 ${code} 正被同时登记，请刷新后重试`);
      throw error;
    }
    return (await this.competitions.byCode(code))!;
  }

  /** Enters a contestant (by ID number) in one of the competition's occupations; entering again changes nothing. */
  async enter(competitionCode: string, input: ContestantInput, actor: Actor): Promise<CompetitionEntryRow> {
    const competition = await this.competition(competitionCode);
    const person = preparePerson(this.identity, input);
    const occupationCode = await this.competitionOccupation(competition, input.occupation);
    const existing = await this.competitions.entry(competition.id, occupationCode, person.personId);
    if (existing) return existing;
    try {
      await retryOnLockConflict(() =>
        this.core.transaction(async (manager) => {
          await registerPerson(manager, this.core, person);
          await this.competitions.insertEntry(manager, {
            competitionId: competition.id,
            occupationCode,
            personId: person.personId,
            rank: null,
            award: null,
            certificateDepartment: null,
            certificateId: null,
            certificateIssuedOn: null,
            createdBy: actor.subject,
          });
        }),
      );
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return (await this.competitions.entry(competition.id, occupationCode, person.personId))!;
  }

  /** Records a contestant's rank, award and the certificate earned (checked against the county holder index). */
  async result(competitionCode: string, input: ResultInput): Promise<CompetitionEntryRow> {
    const competition = await this.competition(competitionCode);
    const personId = personIdOf(this.identity, input.idNumber);
    const occupationCode = await this.competitionOccupation(competition, input.occupation);
    const entry = await this.competitions.entry(competition.id, occupationCode, personId);
    if (!entry)
      throw new InputError(
        'NOT_A_CONTESTANT',
        'idNumber',
        `该人员未报名竞赛 ${competition.code} 的 ${occupationCode} 项目，请先登记参赛选手`,
      );
    if (input.rank !== null && input.rank !== undefined && (!Number.isInteger(input.rank) || input.rank < 1)) {
      throw new InputError('BAD_RANK', 'rank', `名次须为正整数，收到 ${input.rank}`);
    }
    if (input.award && !(competitionAwards as readonly string[]).includes(input.award))
      throw new InputError('BAD_AWARD', 'award', `奖项“${input.award}”无效`);
    let certificate: { certificateDepartment: string | null; certificateId: string | null; certificateIssuedOn: string | null } = {
      certificateDepartment: null,
      certificateId: null,
      certificateIssuedOn: null,
    };
    if (input.certificate) {
      const ref = `${input.certificate.department}/${input.certificate.certificateId}`;
      const held = await this.holdings.byRef(input.certificate.department, input.certificate.certificateId);
      if (!held) throw new InputError('NO_CERTIFICATE', 'certificate', `全县持证索引中没有证书 ${ref}`);
      if (held.personId !== personId) throw new InputError('CERTIFICATE_OTHER_PERSON', 'certificate', `证书 ${ref} 不属于该选手`);
      if (!COMPETITION_CERTIFICATE_KINDS.has(held.kind)) {
        throw new InputError('CERTIFICATE_WRONG_KIND', 'certificate', `证书 ${ref} 不是职业资格证书或职业技能等级证书，不计入竞赛选手取证`);
      }
      if (held.occupationCode !== occupationCode)
        throw new InputError(
          'CERTIFICATE_OCCUPATION_MISMATCH',
          'certificate',
          `证书 ${ref} 的职业(工种)与参赛项目 ${occupationCode} 不一致`,
        );
      if (held.issuedOn < competition.startDate) {
        throw new InputError(
          'CERTIFICATE_BEFORE_COMPETITION',
          'certificate',
          `证书 ${ref} 发证日期 ${held.issuedOn} 早于竞赛开始日期 ${competition.startDate}，不是通过竞赛取得`,
        );
      }
      if (isWithdrawn(held.status)) throw new InputError('CERTIFICATE_NOT_VALID', 'certificate', `证书 ${ref} ${withdrawalText(held)}`);
      certificate = { certificateDepartment: held.department, certificateId: held.certificateId, certificateIssuedOn: held.issuedOn };
    }
    await retryOnLockConflict(() =>
      this.core.transaction((manager) =>
        this.competitions.updateResult(manager, entry.id, { rank: input.rank ?? null, award: input.award ?? null, ...certificate }),
      ),
    );
    return (await this.competitions.entry(competition.id, occupationCode, personId))!;
  }

  /** A year's figures against the plan's annual counts (≥ 10 occupations, 5 events, 30 contestants certified). */
  async figures(
    year: number,
  ): Promise<{ year: number; events: Figure; occupations: Figure; contestantsCertified: Figure; contestants: number }> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InputError('BAD_YEAR', 'year', `年份无效：${year}`);
    const counts = await this.competitions.yearCounts(year);
    const figure = (key: string, value: number): Figure => {
      const target = planTargets().annualCounts.find((c) => c.key === key);
      return figureOf(key, target?.label ?? key, value, target?.target ?? null);
    };
    return {
      year,
      events: figure('competitionEvents', counts.events),
      occupations: figure('competitionOccupations', counts.occupations),
      contestantsCertified: figure('competitionCertified', counts.contestantsCertified),
      contestants: counts.contestants,
    };
  }

  private async competitionOccupation(competition: CompetitionRow, occupation: string): Promise<string> {
    const code = occupationCodeOf(occupation);
    const offered = (await this.competitions.occupationsOf([competition.id])).map((o) => o.occupationCode);
    if (!offered.includes(code))
      throw new InputError(
        'OCCUPATION_NOT_IN_COMPETITION',
        'occupation',
        `竞赛 ${competition.code} 未设 ${code} 职业(工种)项目（已设：${offered.join('、')}）`,
      );
    return code;
  }
}
