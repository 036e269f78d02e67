import {
  certificateKindLabels,
  certificateKinds,
  certificateGradeLabels,
  certificateGrades,
  certificateStatuses,
  directedKindLabels,
  directedKinds,
  certificateStatusLabels,
  departmentEnglish,
  departmentLabels,
  departments,
  sexes,
  sexLabels,
  skillLevelLabels,
  skillLevels,
  talentCategories,
  talentCategoryLabels,
  targetGroupLabels,
  targetGroups,
  trainingChannelLabels,
  trainingChannels,
  trainingOutcomeLabels,
  trainingOutcomes,
} from './enums';
import type {
  CertificateGrade,
  CertificateKind,
  CertificateStatus,
  DirectedKind,
  Sex,
  SkillLevel,
  TalentCategory,
  TargetGroup,
  TrainingChannel,
  TrainingOutcome,
} from './enums';

interface EnumSpec<T extends string> {
  name: string;
  description: string;
  values: readonly T[];
  labels: Record<T, string>;
  english: Record<T, string>;
}

// Records typed by the enum make the compiler reject a value added without its English meaning.
const talentCategoryEnglish: Record<TalentCategory, string> = {
  ENTERPRISE_MANAGEMENT: 'enterprise management talents',
  PROFESSIONAL_TECHNICAL: 'professional and technical talents',
  SKILLED: 'skilled talents',
  RURAL_PRACTICAL: 'rural practical talents',
  SOCIAL_WORK: 'social work talents',
};

const certificateKindEnglish: Record<CertificateKind, string> = {
  VOCATIONAL_QUALIFICATION: 'vocational qualification certificate (skilled, levels 1-5)',
  SKILL_LEVEL: 'vocational skill level certificate (skilled, levels 1-5)',
  SPECIAL_OPERATION: 'special operation certificate from emergency management (skilled, unlevelled)',
  SPECIAL_EQUIPMENT: 'special equipment operator certificate from market regulation (skilled, unlevelled)',
  SPECIAL_ABILITY: 'special vocational ability certificate (skilled, unlevelled)',
  PROFESSIONAL_TITLE: 'professional and technical qualification, e.g. accounting (professional and technical talents)',
  SOCIAL_WORKER: 'social worker qualification certificate (social work talents)',
  RURAL_PRACTICAL: 'rural practical talent certificate, high-quality or new professional farmers (rural practical talents)',
  MANAGEMENT: 'enterprise management talent certificate (enterprise management talents)',
};

const skillLevelEnglish: Record<SkillLevel, string> = {
  LEVEL_1: 'level 1, senior technician (highest)',
  LEVEL_2: 'level 2, technician',
  LEVEL_3: 'level 3, senior worker',
  LEVEL_4: 'level 4, intermediate worker',
  LEVEL_5: 'level 5, junior worker (lowest)',
};

const certificateStatusEnglish: Record<CertificateStatus, string> = {
  VALID: 'valid',
  REVOKED: 'revoked; counts until the day before revokedOn, and on no date while revokedOn is not known',
  CANCELLED: 'cancelled; counts like a revoked certificate',
};

const certificateGradeEnglish: Record<CertificateGrade, string> = {
  SKILL_1: 'skill level 1, senior technician (highest)',
  SKILL_2: 'skill level 2, technician',
  SKILL_3: 'skill level 3, senior worker',
  SKILL_4: 'skill level 4, intermediate worker',
  SKILL_5: 'skill level 5, junior worker (lowest)',
  TITLE_SENIOR: 'professional title, full senior (e.g. 正高级会计师)',
  TITLE_DEPUTY_SENIOR: 'professional title, deputy senior (e.g. 高级会计师)',
  TITLE_INTERMEDIATE: 'professional title, intermediate (e.g. 会计师)',
  TITLE_JUNIOR: 'professional title, junior (e.g. 助理会计师, 会计员)',
  SOCIAL_WORKER_SENIOR: 'senior social worker',
  SOCIAL_WORKER_INTERMEDIATE: 'social worker',
  SOCIAL_WORKER_ASSISTANT: 'assistant social worker',
  UNKNOWN: 'the kind has levels but the written level is not on its ladder; the written text is kept',
};

const trainingChannelEnglish: Record<TrainingChannel, string> = {
  ENTERPRISE: 'training of all enterprise employees',
  SCHOOL_PUBLIC: 'skills training in schools and training of public-sector staff',
  SOCIAL_RURAL: 'training by social training institutions and of new professional farmers',
};

const targetGroupEnglish: Record<TargetGroup, string> = {
  EMPLOYEE: 'enterprise employee',
  STUDENT: 'student in school',
  GRADUATE: 'college graduate',
  PUBLIC_STAFF: 'staff of public agencies and institutions',
  FARMER: 'farmer',
  MIGRANT_WORKER: 'migrant worker',
  VETERAN: 'veteran',
  POVERTY_ALLEVIATED: 'worker lifted out of poverty',
  UNEMPLOYED: 'unemployed person',
  DISABLED: 'person with a disability',
  REASSIGNED_EMPLOYEE: 'employee moving to another post (转岗)',
  RETURNEE: 'person returning home to start a business or take a job',
  SCHOOL_LEAVER: 'junior or senior high school leaver not going on to further study',
  WOMAN: 'woman, for occupations suited to women such as childcare and housekeeping',
  CORRECTIONS: 'prisoner, person in compulsory drug rehabilitation, or under community correction',
  HARDSHIP_EMPLOYEE: 'employee of a family in hardship (困难职工)',
  SOCIAL_ASSISTANCE: 'recipient of social assistance (社会救助对象)',
  OTHER: 'other',
};

const directedKindEnglish: Record<DirectedKind, string> = {
  ORDER: "order training, run to an employer's order for the posts it will fill",
  TARGETED: 'targeted training, aimed at the posts of named industries or employers',
};

const trainingOutcomeEnglish: Record<TrainingOutcome, string> = {
  COMPLETED: 'completed',
  IN_PROGRESS: 'in progress',
  DROPPED: 'left without completing',
};

const sexEnglish: Record<Sex, string> = {
  MALE: 'male',
  FEMALE: 'female',
};

function enumSdl<T extends string>(spec: EnumSpec<T>): string {
  const lines = [`"""${spec.description}"""`, `enum ${spec.name} {`];
  for (const value of spec.values) {
    lines.push(`  """${spec.labels[value]} ${spec.english[value]}"""`, `  ${value}`);
  }
  lines.push('}');
  return lines.join('\n');
}

/** The shared enums, concatenated into every department subgraph's schema (enum definitions only). */
export const vocabularySdl: string =
  [
    enumSdl({
      name: 'Department',
      description: '委办局 county department that owns a subgraph',
      values: departments,
      labels: departmentLabels,
      english: departmentEnglish,
    }),
    enumSdl({
      name: 'TalentCategory',
      description: '人才类别 talent category of plan section 一',
      values: talentCategories,
      labels: talentCategoryLabels,
      english: talentCategoryEnglish,
    }),
    enumSdl({
      name: 'CertificateKind',
      description: '证书类型 certificate kind',
      values: certificateKinds,
      labels: certificateKindLabels,
      english: certificateKindEnglish,
    }),
    enumSdl({
      name: 'SkillLevel',
      description: '技能等级 skill level, LEVEL_1 highest to LEVEL_5 lowest',
      values: skillLevels,
      labels: skillLevelLabels,
      english: skillLevelEnglish,
    }),
    enumSdl({
      name: 'CertificateGradeCode',
      description: '证书等级 level of a certificate within its kind (skill, title or social-work ladder)',
      values: certificateGrades,
      labels: certificateGradeLabels,
      english: certificateGradeEnglish,
    }),
    enumSdl({
      name: 'CertificateStatus',
      description: '证书状态 certificate status',
      values: certificateStatuses,
      labels: certificateStatusLabels,
      english: certificateStatusEnglish,
    }),
    enumSdl({
      name: 'TrainingChannel',
      description: '培训渠道 annual training channel of the plan',
      values: trainingChannels,
      labels: trainingChannelLabels,
      english: trainingChannelEnglish,
    }),
    enumSdl({
      name: 'TargetGroup',
      description: '培训对象 target group of a training',
      values: targetGroups,
      labels: targetGroupLabels,
      english: targetGroupEnglish,
    }),
    enumSdl({
      name: 'DirectedKind',
      description: '订单定向培训 directed training, 订单式 or 定向式 (plan section 二.2)',
      values: directedKinds,
      labels: directedKindLabels,
      english: directedKindEnglish,
    }),
    enumSdl({
      name: 'TrainingOutcome',
      description: '培训结果 training outcome',
      values: trainingOutcomes,
      labels: trainingOutcomeLabels,
      english: trainingOutcomeEnglish,
    }),
    enumSdl({ name: 'Sex', description: '性别 sex', values: sexes, labels: sexLabels, english: sexEnglish }),
  ].join('\n\n') + '\n';
