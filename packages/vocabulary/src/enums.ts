import { departmentRegistry, RegisteredDepartment } from './departmentRegistry';

/** The county departments that each own one subgraph, in port order (from the department registry). */
export const departments: readonly Department[] = departmentRegistry.map((d) => d.code);
export type Department = RegisteredDepartment['code'];

export const departmentLabels = Object.fromEntries(departmentRegistry.map((d) => [d.code, d.label])) as Record<Department, string>;

/** Folder, service and URL name of each department's subgraph. */
export const departmentSlug = Object.fromEntries(departmentRegistry.map((d) => [d.code, d.slug])) as Record<Department, string>;

/** English name of each department, shown beside its label in the SDL. */
export const departmentEnglish = Object.fromEntries(departmentRegistry.map((d) => [d.code, d.english])) as Record<Department, string>;

export function departmentFromSlug(slug: string): Department | undefined {
  const wanted = slug.trim().toLowerCase();
  return departments.find((department) => departmentSlug[department] === wanted);
}

/** The five talent categories whose holders make up 持证人员 (plan section 一). */
export const talentCategories = ['ENTERPRISE_MANAGEMENT', 'PROFESSIONAL_TECHNICAL', 'SKILLED', 'RURAL_PRACTICAL', 'SOCIAL_WORK'] as const;
export type TalentCategory = (typeof talentCategories)[number];

export const talentCategoryLabels: Record<TalentCategory, string> = {
  ENTERPRISE_MANAGEMENT: '企业经营管理人才',
  PROFESSIONAL_TECHNICAL: '专业技术人才',
  SKILLED: '技能人才',
  RURAL_PRACTICAL: '农村实用人才',
  SOCIAL_WORK: '社会工作人才',
};

export const certificateKinds = [
  'VOCATIONAL_QUALIFICATION',
  'SKILL_LEVEL',
  'SPECIAL_OPERATION',
  'SPECIAL_EQUIPMENT',
  'SPECIAL_ABILITY',
  'PROFESSIONAL_TITLE',
  'SOCIAL_WORKER',
  'RURAL_PRACTICAL',
  'MANAGEMENT',
] as const;
export type CertificateKind = (typeof certificateKinds)[number];

/** The level ladders certificates use; each kind has one of them or none. */
export const levelLadders = ['SKILL', 'TITLE', 'SOCIAL_WORK'] as const;
export type LevelLadder = (typeof levelLadders)[number];

export interface CertificateKindInfo {
  label: string;
  talentCategory: TalentCategory;
  /** The kind's level ladder: SKILL 五级…一级, TITLE 初级…正高级, SOCIAL_WORK 助理社会工作师…高级社会工作师; null when the kind has no level. */
  ladder: LevelLadder | null;
  /** Carries a skill level 1..5 (the SKILL ladder), the only ladder that decides 中高级 and 高技能. */
  levelled: boolean;
  /** Counts toward 技能人才 (the plan's five skilled kinds). */
  skilled: boolean;
}

export const kindInfo: Record<CertificateKind, CertificateKindInfo> = {
  VOCATIONAL_QUALIFICATION: { label: '职业资格证书', talentCategory: 'SKILLED', ladder: 'SKILL', levelled: true, skilled: true },
  SKILL_LEVEL: { label: '职业技能等级证书', talentCategory: 'SKILLED', ladder: 'SKILL', levelled: true, skilled: true },
  SPECIAL_OPERATION: { label: '特种作业操作证', talentCategory: 'SKILLED', ladder: null, levelled: false, skilled: true },
  SPECIAL_EQUIPMENT: { label: '特种设备作业人员证', talentCategory: 'SKILLED', ladder: null, levelled: false, skilled: true },
  SPECIAL_ABILITY: { label: '专项职业能力证书', talentCategory: 'SKILLED', ladder: null, levelled: false, skilled: true },
  PROFESSIONAL_TITLE: {
    label: '专业技术资格证书',
    talentCategory: 'PROFESSIONAL_TECHNICAL',
    ladder: 'TITLE',
    levelled: false,
    skilled: false,
  },
  SOCIAL_WORKER: { label: '社会工作者职业资格证书', talentCategory: 'SOCIAL_WORK', ladder: 'SOCIAL_WORK', levelled: false, skilled: false },
  RURAL_PRACTICAL: { label: '农村实用人才证书', talentCategory: 'RURAL_PRACTICAL', ladder: null, levelled: false, skilled: false },
  MANAGEMENT: { label: '企业经营管理人才证书', talentCategory: 'ENTERPRISE_MANAGEMENT', ladder: null, levelled: false, skilled: false },
};

export const certificateKindLabels: Record<CertificateKind, string> = Object.fromEntries(
  certificateKinds.map((kind) => [kind, kindInfo[kind].label]),
) as Record<CertificateKind, string>;

/** Highest first: LEVEL_1 = 一级/高级技师 … LEVEL_5 = 五级/初级工. */
export const skillLevels = ['LEVEL_1', 'LEVEL_2', 'LEVEL_3', 'LEVEL_4', 'LEVEL_5'] as const;
export type SkillLevel = (typeof skillLevels)[number];

export const skillLevelLabels: Record<SkillLevel, string> = {
  LEVEL_1: '一级/高级技师',
  LEVEL_2: '二级/技师',
  LEVEL_3: '三级/高级工',
  LEVEL_4: '四级/中级工',
  LEVEL_5: '五级/初级工',
};

/** 1 for LEVEL_1 (highest) … 5 for LEVEL_5. */
export function levelNumber(level: SkillLevel): number {
  return skillLevels.indexOf(level) + 1;
}

export function levelFromNumber(n: number): SkillLevel | undefined {
  return Number.isInteger(n) && n >= 1 && n <= skillLevels.length ? skillLevels[n - 1] : undefined;
}

/**
 * The level of a certificate within its kind's ladder, highest first on each ladder. UNKNOWN: the kind has a ladder
 * but what was written is not on it (or nothing was); the holder still counts, the raw text is kept beside it.
 */
export const certificateGrades = [
  'SKILL_1',
  'SKILL_2',
  'SKILL_3',
  'SKILL_4',
  'SKILL_5',
  'TITLE_SENIOR',
  'TITLE_DEPUTY_SENIOR',
  'TITLE_INTERMEDIATE',
  'TITLE_JUNIOR',
  'SOCIAL_WORKER_SENIOR',
  'SOCIAL_WORKER_INTERMEDIATE',
  'SOCIAL_WORKER_ASSISTANT',
  'UNKNOWN',
] as const;
export type CertificateGrade = (typeof certificateGrades)[number];

export const certificateGradeLabels: Record<CertificateGrade, string> = {
  SKILL_1: '一级/高级技师',
  SKILL_2: '二级/技师',
  SKILL_3: '三级/高级工',
  SKILL_4: '四级/中级工',
  SKILL_5: '五级/初级工',
  TITLE_SENIOR: '正高级',
  TITLE_DEPUTY_SENIOR: '副高级',
  TITLE_INTERMEDIATE: '中级',
  TITLE_JUNIOR: '初级',
  SOCIAL_WORKER_SENIOR: '高级社会工作师',
  SOCIAL_WORKER_INTERMEDIATE: '社会工作师',
  SOCIAL_WORKER_ASSISTANT: '助理社会工作师',
  UNKNOWN: '等级不明',
};

/** The grades of each ladder, highest first. */
export const ladderGrades: Record<LevelLadder, readonly CertificateGrade[]> = {
  SKILL: ['SKILL_1', 'SKILL_2', 'SKILL_3', 'SKILL_4', 'SKILL_5'],
  TITLE: ['TITLE_SENIOR', 'TITLE_DEPUTY_SENIOR', 'TITLE_INTERMEDIATE', 'TITLE_JUNIOR'],
  SOCIAL_WORK: ['SOCIAL_WORKER_SENIOR', 'SOCIAL_WORKER_INTERMEDIATE', 'SOCIAL_WORKER_ASSISTANT'],
};

/** Whether `grade` may be stored for a certificate of `kind`: a grade of its own ladder or UNKNOWN; only null for a kind without a ladder. */
export function gradeFitsKind(kind: CertificateKind, grade: CertificateGrade | null): boolean {
  const ladder = kindInfo[kind].ladder;
  if (ladder === null) return grade === null;
  return grade === 'UNKNOWN' || (grade !== null && ladderGrades[ladder].includes(grade));
}

/** The skill-ladder grade of a skill level (LEVEL_3 → SKILL_3). */
export function gradeOfSkillLevel(level: SkillLevel): CertificateGrade {
  return `SKILL_${levelNumber(level)}` as CertificateGrade;
}

/** The skill level a grade stands for (SKILL_3 → LEVEL_3); null for every other ladder and UNKNOWN. */
export function skillLevelOfGrade(grade: CertificateGrade | null): SkillLevel | null {
  const m = grade === null ? null : /^SKILL_([1-5])$/.exec(grade);
  return m ? (levelFromNumber(Number(m[1])) ?? null) : null;
}

/**
 * VALID counts; REVOKED (撤销/吊销) and CANCELLED (注销) are withdrawn: they count up to the day before `revokedOn`,
 * and on no date at all while that date is not known.
 */
export const certificateStatuses = ['VALID', 'REVOKED', 'CANCELLED'] as const;
export type CertificateStatus = (typeof certificateStatuses)[number];

export const certificateStatusLabels: Record<CertificateStatus, string> = {
  VALID: '有效',
  REVOKED: '已撤销',
  CANCELLED: '已注销',
};

/** A withdrawn certificate: any status but VALID. */
export function isWithdrawn(status: CertificateStatus): boolean {
  return status !== 'VALID';
}

/** The three annual training channels of plan section 二. */
export const trainingChannels = ['ENTERPRISE', 'SCHOOL_PUBLIC', 'SOCIAL_RURAL'] as const;
export type TrainingChannel = (typeof trainingChannels)[number];

export const trainingChannelLabels: Record<TrainingChannel, string> = {
  ENTERPRISE: '企业职工全员培训',
  SCHOOL_PUBLIC: '学校技能培训及机关事业单位干部职工培训',
  SOCIAL_RURAL: '社会培训机构及新型职业农民培训',
};

/** Key of each channel in plan-targets.json `annualChannels`. */
export const channelPlanKey: Record<TrainingChannel, string> = {
  ENTERPRISE: 'enterpriseEmployees',
  SCHOOL_PUBLIC: 'schoolsAndPublicStaff',
  SOCIAL_RURAL: 'socialAndRural',
};

/**
 * 培训对象: the groups plan section 二.3 names for targeted training (脱贫/监测对象, 毕业生, 农民工, 退役军人, 转岗职工,
 * 返乡人员, 未升学初高中毕业生, 女性, 失业人员, 服刑/戒毒/矫正人员, 困难职工, 社会救助对象, 残疾人) beside the channels'
 * own audiences. New values go before OTHER; a value is never renamed (records and feeds carry it).
 */
export const targetGroups = [
  'EMPLOYEE',
  'STUDENT',
  'GRADUATE',
  'PUBLIC_STAFF',
  'FARMER',
  'MIGRANT_WORKER',
  'VETERAN',
  'POVERTY_ALLEVIATED',
  'UNEMPLOYED',
  'DISABLED',
  'REASSIGNED_EMPLOYEE',
  'RETURNEE',
  'SCHOOL_LEAVER',
  'WOMAN',
  'CORRECTIONS',
  'HARDSHIP_EMPLOYEE',
  'SOCIAL_ASSISTANCE',
  'OTHER',
] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const targetGroupLabels: Record<TargetGroup, string> = {
  EMPLOYEE: '企业职工',
  STUDENT: '在校学生',
  GRADUATE: '高校毕业生',
  PUBLIC_STAFF: '机关事业单位人员',
  FARMER: '农民',
  MIGRANT_WORKER: '农民工',
  VETERAN: '退役军人',
  POVERTY_ALLEVIATED: '脱贫劳动力',
  UNEMPLOYED: '失业人员',
  DISABLED: '残疾人',
  REASSIGNED_EMPLOYEE: '转岗职工',
  RETURNEE: '返乡创业就业人员',
  SCHOOL_LEAVER: '未继续升学初高中毕业生',
  WOMAN: '女性',
  CORRECTIONS: '服刑人员及社区矫正对象',
  HARDSHIP_EMPLOYEE: '困难职工',
  SOCIAL_ASSISTANCE: '社会救助对象',
  OTHER: '其他',
};

/**
 * 订单式/定向式培训 (plan section 二.2, ≥ 500 a year): a training run to an employer's order or aimed at named posts,
 * recorded as a field of the training by whichever department runs it.
 */
export const directedKinds = ['ORDER', 'TARGETED'] as const;
export type DirectedKind = (typeof directedKinds)[number];

export const directedKindLabels: Record<DirectedKind, string> = {
  ORDER: '订单式培训',
  TARGETED: '定向式培训',
};

export const trainingOutcomes = ['COMPLETED', 'IN_PROGRESS', 'DROPPED'] as const;
export type TrainingOutcome = (typeof trainingOutcomes)[number];

export const trainingOutcomeLabels: Record<TrainingOutcome, string> = {
  COMPLETED: '结业',
  IN_PROGRESS: '在训',
  DROPPED: '未结业',
};

export const sexes = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof sexes)[number];

export const sexLabels: Record<Sex, string> = {
  MALE: '男',
  FEMALE: '女',
};
