import { departments, kindInfo } from '@hub/vocabulary';
import type {
  CertificateGrade,
  CertificateKind,
  Department,
  DirectedKind,
  SkillLevel,
  TargetGroup,
  TrainingChannel,
  TrainingOutcome,
} from '@hub/vocabulary';
import { demoPerson, DemoPerson, DEFAULT_SEED } from './demoPeople';
import { pick, random, seedOf, weighted } from './random';

/** A certificate row as a department would record it (the same shape the GraphQL input takes). */
export interface DemoCertificate {
  idNumber: string;
  name: string;
  township: string;
  kind: CertificateKind;
  occupation: string | null;
  level: SkillLevel | null;
  /** The level of a title or social-work certificate within its ladder; absent for the other kinds. */
  grade?: CertificateGrade;
  certificateNumber: string;
  issuingBody: string;
  issuedOn: string;
  validUntil: string | null;
  /** Set when the demo certificate was revoked later. */
  revoked?: { revokedOn: string; reason: string };
  [extra: string]: unknown;
}

export interface DemoTraining {
  idNumber: string;
  name: string;
  township: string;
  programme: string;
  occupation: string | null;
  channel: TrainingChannel;
  targetGroup: TargetGroup;
  provider: string;
  startDate: string;
  endDate: string | null;
  hours: number;
  outcome: TrainingOutcome;
  /** 订单式/定向式 for the department's directed programmes, null for the others. */
  directedKind: DirectedKind | null;
  [extra: string]: unknown;
}

interface Profile {
  /** Share of the county's persons this department has records of. */
  share: number;
  kinds: readonly (readonly [CertificateKind, number])[];
  occupations: readonly string[];
  issuers: readonly string[];
  programmes: readonly string[];
  /** The programmes among `programmes` that are 订单式/定向式 training, and which. */
  directed?: Readonly<Record<string, DirectedKind>>;
  channel: TrainingChannel;
  targetGroups: readonly (readonly [TargetGroup, number])[];
  providers: readonly string[];
  extras: (rng: () => number) => Record<string, unknown>;
}

const levels = [
  ['LEVEL_5', 35],
  ['LEVEL_4', 38],
  ['LEVEL_3', 19],
  ['LEVEL_2', 6],
  ['LEVEL_1', 2],
] as const;

// Partial: a department without a profile (e.g. one just added by `npm run new-department`) has no demo data.
const profiles: Partial<Record<Department, Profile>> = {
  HRSS: {
    share: 0.6,
    kinds: [
      ['SKILL_LEVEL', 55],
      ['VOCATIONAL_QUALIFICATION', 10],
      ['SPECIAL_OPERATION', 15],
      ['SPECIAL_EQUIPMENT', 8],
      ['SPECIAL_ABILITY', 12],
    ],
    occupations: [
      '6-18-02-04',
      '6-31-01-03',
      '4-03-02-01',
      '4-12-01-01',
      '6-16-02-11',
      '6-29-01-01',
      '6-29-03-03',
      '4-10-01-06',
      '4-07-03-04',
      '6-18-01-01',
    ],
    issuers: ['濮阳县职业技能鉴定中心', '中原油田职业技能鉴定站', '濮阳县技工学校评价站', '濮阳市人力资源和社会保障局'],
    programmes: ['企业职工岗位技能提升培训', '企业新型学徒制培训', '以工代训', '职业技能等级认定前培训'],
    channel: 'ENTERPRISE',
    targetGroups: [
      ['EMPLOYEE', 70],
      ['MIGRANT_WORKER', 15],
      ['UNEMPLOYED', 10],
      ['POVERTY_ALLEVIATED', 5],
    ],
    providers: ['濮阳县技工学校', '中原油田培训中心', '濮阳县职业培训学校', '濮阳县龙丰纸业'],
    extras: (rng) => ({
      enterprise: pick(rng, ['中原油田分公司', '濮阳县龙丰纸业', '濮阳惠成电子材料', '濮阳县华龙石化', null]),
      apprenticeship: rng() < 0.05 ? 1 : 0,
    }),
  },
  EDUCATION: {
    share: 0.22,
    kinds: [
      ['SKILL_LEVEL', 90],
      ['SPECIAL_ABILITY', 10],
    ],
    occupations: ['4-01-06-02', '4-03-02-01', '4-12-01-01', '6-31-01-03', '4-10-01-03', '4-10-03-01'],
    issuers: ['濮阳县职业教育培训中心', '濮阳职业技术学院评价站'],
    programmes: ['中职学生职业技能等级证书培训', '教师职业能力提升培训', '机关事业单位干部职工技能培训', '订单式定向培训'],
    directed: { 订单式定向培训: 'ORDER' },
    channel: 'SCHOOL_PUBLIC',
    targetGroups: [
      ['STUDENT', 70],
      ['PUBLIC_STAFF', 20],
      ['GRADUATE', 10],
    ],
    providers: ['濮阳县职业教育培训中心', '濮阳职业技术学院'],
    extras: (rng) => ({
      school: pick(rng, ['濮阳县职业教育培训中心', '濮阳县第一职业中专', '濮阳职业技术学院']),
      major: pick(rng, ['电子商务', '汽车运用与维修', '烹饪', '学前教育', '电气运行与控制']),
    }),
  },
  AGRICULTURE: {
    share: 0.32,
    kinds: [
      ['RURAL_PRACTICAL', 70],
      ['SKILL_LEVEL', 20],
      ['SPECIAL_ABILITY', 10],
    ],
    occupations: ['5-01-02-01', '5-03-02-01', '5-05-01-01', '5-05-02-03', '5-05-05-02', '4-01-06-02'],
    issuers: ['濮阳县农业农村局', '濮阳县农业广播电视学校'],
    programmes: ['高素质农民培育', '农村电商培训', '农村实用人才带头人培训'],
    channel: 'SOCIAL_RURAL',
    targetGroups: [
      ['FARMER', 80],
      ['POVERTY_ALLEVIATED', 15],
      ['MIGRANT_WORKER', 5],
    ],
    providers: ['濮阳县农业广播电视学校', '濮阳县农技推广中心'],
    extras: (rng) => ({
      cooperative: rng() < 0.5 ? pick(rng, ['濮阳县绿源种植专业合作社', '濮阳县丰收农机专业合作社', '濮阳县金堤蔬菜合作社']) : null,
      farm: rng() < 0.3 ? pick(rng, ['胜利家庭农场', '黄河滩家庭农场', '鑫源家庭农场']) : null,
      industry: pick(rng, ['粮食', '蔬菜', '畜牧', '林果', '电商']),
    }),
  },
  VETERANS: {
    share: 0.07,
    kinds: [
      ['SKILL_LEVEL', 60],
      ['SPECIAL_OPERATION', 25],
      ['SPECIAL_ABILITY', 15],
    ],
    occupations: ['4-07-05-01', '6-18-02-04', '6-31-01-03', '4-02-02-07', '4-12-01-01', '4-10-08-01'],
    issuers: ['濮阳县职业技能鉴定中心', '濮阳县退役军人培训基地评价站'],
    programmes: ['退役军人适应性培训', '退役军人职业技能培训'],
    channel: 'SOCIAL_RURAL',
    targetGroups: [['VETERAN', 100]],
    providers: ['濮阳县退役军人培训基地', '濮阳县技工学校'],
    extras: (rng) => ({ dischargeYear: 2010 + Math.floor(rng() * 16) }),
  },
  CIVIL_AFFAIRS: {
    share: 0.12,
    kinds: [
      ['SKILL_LEVEL', 65],
      ['SOCIAL_WORKER', 25],
      ['SPECIAL_ABILITY', 10],
    ],
    occupations: ['4-10-01-05', '4-10-01-04', '4-10-06-01', '6-21-06-03', '2-07-11-01'],
    issuers: ['濮阳县职业技能鉴定中心', '河南省民政职业技能鉴定站'],
    programmes: ['养老护理员培训', '孤残儿童护理员培训', '殡仪服务员培训', '社会工作者继续教育'],
    channel: 'SOCIAL_RURAL',
    targetGroups: [
      ['EMPLOYEE', 60],
      ['UNEMPLOYED', 25],
      ['DISABLED', 15],
    ],
    providers: ['濮阳县社会福利中心', '濮阳县养老服务指导中心'],
    extras: (rng) => ({ institution: pick(rng, ['濮阳县社会福利中心', '濮阳县城关镇敬老院', '濮阳县殡仪馆', '濮阳县康复辅具中心']) }),
  },
  FINANCE: {
    share: 0.1,
    kinds: [
      ['PROFESSIONAL_TITLE', 60],
      ['MANAGEMENT', 15],
      ['SKILL_LEVEL', 25],
    ],
    occupations: ['2-06-03-00', '4-07-03-04', '6-16-02-11'],
    issuers: ['河南省财政厅', '濮阳县财政局', '濮阳县职业技能鉴定中心'],
    programmes: ['国有企业职工培训', '会计人员继续教育', '企业经营管理人才培训'],
    channel: 'ENTERPRISE',
    targetGroups: [
      ['EMPLOYEE', 85],
      ['PUBLIC_STAFF', 15],
    ],
    providers: ['濮阳县财政局培训中心', '濮阳县国有资产运营公司'],
    extras: (rng) => ({ employer: pick(rng, ['濮阳县投资集团', '濮阳县国有资产运营公司', '濮阳县城市建设投资公司']) }),
  },
};

export const demoDepartments = Object.keys(profiles) as Department[];

/** Random stream of each department: its position in the enum (HRSS 1 … FINANCE 6), so adding a department changes no one else's data. */
const departmentStream = (department: Department): number => departments.indexOf(department) + 1;

const LAST_DAY = Date.UTC(2026, 9, 31); // demo data ends 2026-10-31 whatever the day it is generated
const FIRST_DAY = Date.UTC(2019, 0, 1);

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return isoDay(Date.UTC(y + years, m - 1, d));
}

/** Whether person `index` has records in `department` (deterministic). */
export function inDepartment(department: Department, index: number, seed = DEFAULT_SEED): boolean {
  const profile = profiles[department];
  return profile !== undefined && random(seedOf(seed, 100 + departmentStream(department), index))() < profile.share;
}

export interface DemoPersonRecords {
  person: DemoPerson;
  certificates: DemoCertificate[];
  trainings: DemoTraining[];
}

/** One person's records in one department, or null when the person is unknown there. */
export function demoRecordsOf(department: Department, index: number, seed = DEFAULT_SEED): DemoPersonRecords | null {
  const profile = profiles[department];
  if (!profile || !inDepartment(department, index, seed)) return null;
  const person = demoPerson(index, seed);
  const rng = random(seedOf(seed, departmentStream(department), index));
  const birth = `${person.idNumber.slice(6, 10)}-${person.idNumber.slice(10, 12)}-${person.idNumber.slice(12, 14)}`;
  const adult = Math.max(FIRST_DAY, Date.parse(addYears(birth, 16)));
  const who = { idNumber: person.idNumber, name: person.name, township: person.township };
  const extras = profile.extras(rng);
  const trainings: DemoTraining[] = [];
  const certificates: DemoCertificate[] = [];
  if (adult >= LAST_DAY) return { person, certificates, trainings };

  const trainingCount = rng() < 0.75 ? 1 : 2;
  for (let t = 0; t < trainingCount; t++) {
    const start = adult + Math.floor(rng() * (LAST_DAY - adult));
    const days = 5 + Math.floor(rng() * 40);
    const end = Math.min(start + days * 86_400_000, LAST_DAY);
    const outcome: TrainingOutcome = end >= LAST_DAY - 20 * 86_400_000 ? 'IN_PROGRESS' : rng() < 0.92 ? 'COMPLETED' : 'DROPPED';
    const programme = pick(rng, profile.programmes);
    trainings.push({
      ...who,
      programme: `${programme}${t ? `（第${t + 1}期）` : ''}`,
      occupation: pick(rng, profile.occupations),
      channel: profile.channel,
      targetGroup: weighted(rng, profile.targetGroups),
      provider: pick(rng, profile.providers),
      startDate: isoDay(start),
      endDate: outcome === 'IN_PROGRESS' ? null : isoDay(end),
      hours: 16 + Math.floor(rng() * 20) * 8,
      outcome,
      directedKind: profile.directed?.[programme] ?? null,
      ...extras,
    });
  }

  const certificateCount = weighted(rng, [
    [0, 15],
    [1, 55],
    [2, 24],
    [3, 6],
  ] as const);
  for (let c = 0; c < certificateCount; c++) {
    const kind = weighted(rng, profile.kinds);
    const issued = isoDay(adult + Math.floor(rng() * (LAST_DAY - adult)));
    const levelled = kind === 'SKILL_LEVEL' || kind === 'VOCATIONAL_QUALIFICATION';
    const level = levelled ? weighted(rng, levels) : null;
    // Safety licences expire: 特种作业操作证 after 6 years, 特种设备作业人员证 after 4.
    const validUntil = kind === 'SPECIAL_OPERATION' ? addYears(issued, 6) : kind === 'SPECIAL_EQUIPMENT' ? addYears(issued, 4) : null;
    const certificate: DemoCertificate = {
      ...who,
      kind,
      occupation: kind === 'MANAGEMENT' || kind === 'RURAL_PRACTICAL' ? null : pick(rng, profile.occupations),
      level,
      certificateNumber: certificateNumber(department, kind, level, issued, index, c),
      issuingBody: pick(rng, profile.issuers),
      issuedOn: issued,
      validUntil,
      ...extras,
    };
    // Without drawing from rng, so that every other demo record stays as it was before titles had levels.
    const grade = demoGrade(kind, index * 7 + c);
    if (grade) certificate.grade = grade;
    if (rng() < 0.02) {
      const revokedOn = isoDay(Math.min(Date.parse(issued) + Math.floor(rng() * 400) * 86_400_000, LAST_DAY));
      certificate.revoked = { revokedOn, reason: '复核发现考核材料不实，依规撤销' };
    }
    certificates.push(certificate);
  }
  return { person, certificates, trainings };
}

/** Title and social-work levels, most of them 初级 and 中级 as in a county: from the record's position, not from rng. */
function demoGrade(kind: CertificateKind, position: number): CertificateGrade | undefined {
  const ladder = kindInfo[kind].ladder;
  const slot = position % 20;
  if (ladder === 'TITLE')
    return slot < 8 ? 'TITLE_JUNIOR' : slot < 16 ? 'TITLE_INTERMEDIATE' : slot < 19 ? 'TITLE_DEPUTY_SENIOR' : 'TITLE_SENIOR';
  if (ladder === 'SOCIAL_WORK')
    return slot < 12 ? 'SOCIAL_WORKER_ASSISTANT' : slot < 19 ? 'SOCIAL_WORKER_INTERMEDIATE' : 'SOCIAL_WORKER_SENIOR';
  return undefined;
}

/** Certificate numbers in the styles departments really use; unique per department, person and position. */
function certificateNumber(
  department: Department,
  kind: CertificateKind,
  level: SkillLevel | null,
  issued: string,
  index: number,
  position: number,
): string {
  const serial = String(index).padStart(7, '0') + position;
  const yy = issued.slice(2, 4);
  if (kind === 'SKILL_LEVEL')
    return `S0000410${String(departmentStream(department)).padStart(5, '0')}${yy}${level ? level.slice(-1) : '0'}${serial}`;
  return `${department.slice(0, 2)}${kind.slice(0, 3)}${yy}${serial}`;
}

/** All records of one department for the first `persons` persons, in batches of persons. */
export function* demoDepartmentBatches(
  department: Department,
  persons: number,
  batchSize = 1000,
  seed = DEFAULT_SEED,
): Generator<DemoPersonRecords[]> {
  let batch: DemoPersonRecords[] = [];
  for (let index = 0; index < persons; index++) {
    const records = demoRecordsOf(department, index, seed);
    if (records) batch.push(records);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

/** The first persons with records in at least `minDepartments` departments: README's demo ID numbers. */
export function demoShowcase(
  count = 3,
  minDepartments = 3,
  seed = DEFAULT_SEED,
): { idNumber: string; name: string; departments: Department[] }[] {
  const out: { idNumber: string; name: string; departments: Department[] }[] = [];
  for (let index = 0; out.length < count && index < 100_000; index++) {
    const departments = demoDepartments.filter((d) => {
      const records = demoRecordsOf(d, index, seed);
      return records !== null && records.certificates.length + records.trainings.length > 0;
    });
    if (departments.length >= minDepartments) {
      const person = demoPerson(index, seed);
      out.push({ idNumber: person.idNumber, name: person.name, departments });
    }
  }
  return out;
}
