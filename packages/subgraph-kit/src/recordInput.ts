import { parseIdNumber } from '@hub/identity';
import {
  CertificateGrade,
  CertificateKind,
  certificateGradeLabels,
  DirectedKind,
  directedKinds,
  gradeFitsKind,
  gradeOfSkillLevel,
  ladderGrades,
  skillLevelOfGrade,
  SkillLevel,
  TalentCategory,
  TargetGroup,
  TrainingChannel,
  TrainingOutcome,
  kindInfo,
} from '@hub/vocabulary';
import { InputError } from './errors';
import { GRADE_WRITTEN_LENGTH } from './coreTables';
import { todayIso } from './DateScalar';
import { canonicalIdNumber, dateField, occupationCodeOf, requiredText, townshipCodeOf } from './inputFields';
import type { IdentityService } from './IdentityService';
import type { NewCertificate, NewPerson, NewTraining } from './CoreRepository';

export interface PersonInput {
  idNumber: string;
  name: string;
  /** Township name (any common spelling) or its statistical code; left out keeps the stored one, null (or blank) clears it. */
  township?: string | null;
}

export interface CertificateInput extends PersonInput {
  kind: CertificateKind;
  talentCategory?: TalentCategory | null;
  /** Occupation code, name or alias from the 2022 national catalogue. */
  occupation?: string | null;
  /** The skill level, for 职业资格 and 职业技能等级 certificates. */
  level?: SkillLevel | null;
  /** The level within the kind's own ladder (any kind with a ladder); agrees with `level` when both are given. */
  grade?: CertificateGrade | null;
  /** The level as written on the certificate or in the spreadsheet. */
  gradeWritten?: string | null;
  certificateNumber: string;
  issuingBody: string;
  issuedOn: string;
  validUntil?: string | null;
  [extra: string]: unknown;
}

export interface TrainingInput extends PersonInput {
  programme: string;
  occupation?: string | null;
  channel: TrainingChannel;
  targetGroup: TargetGroup;
  provider: string;
  startDate: string;
  endDate?: string | null;
  hours?: number | null;
  outcome: TrainingOutcome;
  /** 订单式/定向式; left out keeps the stored mark, null clears it. */
  directedKind?: DirectedKind | null;
  [extra: string]: unknown;
}

// Optional fields: undefined (left out) stays undefined so the stored value is kept; null or blank clears it.
function optionalDate(field: string, value: unknown, label: string): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value === '' ? null : dateField(field, value, label);
}

function optionalOccupation(field: string, value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  return value === null || value === '' ? null : occupationCodeOf(String(value), field);
}

/** Validates a person's part of an input and derives what the ID number says (sex, birth date). */
export function preparePerson(identity: IdentityService, input: PersonInput): NewPerson {
  const canonical = canonicalIdNumber(input.idNumber);
  const name = requiredText('name', input.name, '姓名', 64);
  let townshipCode: string | null | undefined = input.township === undefined ? undefined : null;
  if (input.township !== null && input.township !== undefined && String(input.township).trim() !== '') {
    townshipCode = townshipCodeOf(String(input.township));
  }
  const parsed = parseIdNumber(canonical);
  return {
    personId: identity.personIdOf(canonical),
    idNumberSealed: identity.seal(canonical),
    idNumberMasked: identity.mask(canonical),
    name,
    sex: parsed.sex,
    birthDate: parsed.birthDate,
    townshipCode,
  };
}

function extras(input: Record<string, unknown>, extraFields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of extraFields) {
    const value = input[field];
    // Booleans are stored as 0/1: SQLite has no boolean type. A column left out keeps its stored value.
    out[field] =
      value === undefined
        ? undefined
        : value === ''
          ? null
          : typeof value === 'string'
            ? value.trim()
            : typeof value === 'boolean'
              ? Number(value)
              : value;
  }
  return out;
}

/**
 * The level of a certificate within its kind's ladder, from `grade` and/or the skill `level`. A skill-ladder kind needs one
 * of them (UNKNOWN when not known); a title or social-work certificate without one is UNKNOWN; a kind without levels takes none.
 */
function gradeOf(input: CertificateInput): { level: SkillLevel | null; grade: CertificateGrade | null } {
  const info = kindInfo[input.kind];
  const level = input.level ?? null;
  const grade = input.grade ?? null;
  if (info.ladder === null) {
    if (level || grade) throw new InputError('LEVEL_NOT_APPLICABLE', level ? 'level' : 'grade', `${info.label}不分等级，请勿填写等级`);
    return { level: null, grade: null };
  }
  const choices = `${ladderGrades[info.ladder].map((g) => certificateGradeLabels[g]).join('、')}，不明时填 UNKNOWN`;
  if (grade && !gradeFitsKind(input.kind, grade)) {
    throw new InputError(
      'GRADE_NOT_ON_LADDER',
      'grade',
      `等级 ${grade}（${certificateGradeLabels[grade]}）不是${info.label}的等级（${choices}）`,
    );
  }
  if (info.ladder !== 'SKILL') {
    if (level) throw new InputError('LEVEL_NOT_APPLICABLE', 'level', `${info.label}不用技能等级，请在 grade 填写其等级（${choices}）`);
    return { level: null, grade: grade ?? 'UNKNOWN' };
  }
  if (level && grade && skillLevelOfGrade(grade) !== level) {
    throw new InputError('GRADE_CONFLICT', 'grade', `等级 ${certificateGradeLabels[grade]} 与技能等级 ${level} 不一致`);
  }
  if (!level && !grade)
    throw new InputError('LEVEL_REQUIRED', 'level', `${info.label}须填写等级（五级/初级工 至 一级/高级技师，不明时 grade 填 UNKNOWN）`);
  return level ? { level, grade: gradeOfSkillLevel(level) } : { level: skillLevelOfGrade(grade), grade };
}

export function prepareCertificate(personId: string, input: CertificateInput, extraFields: readonly string[] = []): NewCertificate {
  const info = kindInfo[input.kind];
  if (!info) throw new InputError('UNKNOWN_KIND', 'kind', `证书类别“${String(input.kind)}”无效`);
  const { level, grade } = gradeOf(input);
  const written = input.gradeWritten === null || input.gradeWritten === undefined ? '' : String(input.gradeWritten).trim();
  const issuedOn = dateField('issuedOn', input.issuedOn, '发证日期');
  if (issuedOn > todayIso()) throw new InputError('FUTURE_DATE', 'issuedOn', `发证日期 ${issuedOn} 晚于今天`);
  const validUntil = optionalDate('validUntil', input.validUntil, '有效期至');
  if (validUntil && validUntil < issuedOn)
    throw new InputError('BAD_DATE_RANGE', 'validUntil', `有效期至 ${validUntil} 早于发证日期 ${issuedOn}`);
  return {
    personId,
    kind: input.kind,
    talentCategory: input.talentCategory ?? info.talentCategory,
    occupationCode: optionalOccupation('occupation', input.occupation),
    level,
    grade,
    // Longer text than the column holds is no level anyone wrote on purpose; its start is enough to correct it.
    gradeWritten: grade === null || written === '' ? null : written.slice(0, GRADE_WRITTEN_LENGTH),
    certificateNumber: requiredText('certificateNumber', input.certificateNumber, '证书编号', 64).toUpperCase(),
    issuingBody: requiredText('issuingBody', input.issuingBody, '发证机构', 128),
    issuedOn,
    validUntil,
    status: 'VALID',
    revokedOn: null,
    revokeReason: null,
    ...extras(input, extraFields),
  };
}

function directedKindOf(value: unknown): DirectedKind | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (!(directedKinds as readonly unknown[]).includes(value)) {
    throw new InputError(
      'UNKNOWN_DIRECTED_KIND',
      'directedKind',
      `订单/定向“${String(value)}”无效，请填写 ORDER（订单式）或 TARGETED（定向式），不是则留空`,
    );
  }
  return value as DirectedKind;
}

export function prepareTraining(personId: string, input: TrainingInput, extraFields: readonly string[] = []): NewTraining {
  const startDate = dateField('startDate', input.startDate, '开始日期');
  const endDate = optionalDate('endDate', input.endDate, '结束日期');
  if (endDate && endDate < startDate) throw new InputError('BAD_DATE_RANGE', 'endDate', `结束日期 ${endDate} 早于开始日期 ${startDate}`);
  const hours = input.hours;
  if (hours !== null && hours !== undefined && (!Number.isInteger(hours) || hours < 0 || hours > 10000)) {
    throw new InputError('BAD_HOURS', 'hours', `课时须为 0 到 10000 的整数，收到 ${hours}`);
  }
  return {
    personId,
    programme: requiredText('programme', input.programme, '培训项目', 128),
    occupationCode: optionalOccupation('occupation', input.occupation),
    channel: input.channel,
    targetGroup: input.targetGroup,
    provider: requiredText('provider', input.provider, '培训机构', 128),
    startDate,
    endDate,
    hours,
    outcome: input.outcome,
    directedKind: directedKindOf(input.directedKind),
    ...extras(input, extraFields),
  };
}
