import { creditCodeCheckCharacter } from '@hub/identity';
import type { EnterpriseSizeClass } from '@hub/vocabulary';
import { demoDepartmentBatches, DemoTraining } from './demoRecords';
import { DEFAULT_SEED } from './demoPeople';

// The demo county's programmes and registers, so that every screen has something to show on a first start:
// enterprises, the evaluation-institution catalogue, the yearly selection of social training institutions,
// competitions with contestants, and vouchers taken as far as hrss alone can take them. All fixed or derived
// from the deterministic demo people: two first starts give the same county.

/** A made-up but valid 统一社会信用代码 in the county (division 410928). */
export function demoCreditCode(n: number): string {
  const body = `91410928MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
}

export interface DemoEnterprise {
  creditCode: string;
  name: string;
  sizeClass: EnterpriseSizeClass;
  employees: number;
}

/** The employers named in the demo trainings, and a few more, one of each size class at least. */
export const demoEnterprises: readonly DemoEnterprise[] = [
  ['中原油田分公司', 'LARGE', 12000],
  ['濮阳县龙丰纸业', 'MEDIUM', 650],
  ['濮阳惠成电子材料', 'MEDIUM', 420],
  ['濮阳县华龙石化', 'SMALL', 160],
  ['濮阳县恒润化工有限公司', 'SMALL', 95],
  ['濮阳县宏达机械制造有限公司', 'MICRO', 18],
  ['濮阳县绿源农业科技有限公司', 'SMALL', 60],
  ['濮阳县金堤家政服务有限公司', 'MICRO', 12],
].map(([name, sizeClass, employees], i) => ({
  creditCode: demoCreditCode(1001 + i),
  name: name as string,
  sizeClass: sizeClass as EnterpriseSizeClass,
  employees: employees as number,
}));

/** The evaluation institutions that issue the demo certificates, admitted at the start of the plan period. */
export const demoEvaluationInstitutions: readonly { code: string; name: string; admittedOn: string }[] = [
  { code: 'PJ-JDZX', name: '濮阳县职业技能鉴定中心', admittedOn: '2022-01-01' },
  { code: 'PJ-ZYYT', name: '中原油田职业技能鉴定站', admittedOn: '2022-01-01' },
  { code: 'PJ-JGXX', name: '濮阳县技工学校评价站', admittedOn: '2022-03-01' },
  { code: 'PJ-ZYXY', name: '濮阳职业技术学院评价站', admittedOn: '2023-02-01' },
];

/** About eight social training institutions a year; the first three are providers of the demo trainings. */
const trainingInstitutionPool = [
  ['PX-JGXX', '濮阳县技工学校'],
  ['PX-ZYYT', '中原油田培训中心'],
  ['PX-ZYPX', '濮阳县职业培训学校'],
  ['PX-LTPX', '濮阳县蓝天职业培训学校'],
  ['PX-HXPX', '濮阳县华夏职业培训学校'],
  ['PX-HMJZ', '濮阳县惠民家政培训中心'],
  ['PX-NYPX', '濮阳县现代农业技术培训学校'],
  ['PX-DSPX', '濮阳县电子商务培训中心'],
  ['PX-QCWX', '濮阳县汽车维修培训学校'],
  ['PX-YLHL', '濮阳县养老护理培训中心'],
] as const;

export interface DemoSelection {
  code: string;
  name: string;
  year: number;
  reason: string;
}

/** Each year 2022-2025 eight institutions: the first three every year, five of the rest in turn. */
export function demoTrainingInstitutionSelections(): DemoSelection[] {
  const out: DemoSelection[] = [];
  for (const year of [2022, 2023, 2024, 2025]) {
    const others = trainingInstitutionPool.slice(3);
    const turn = (year - 2022) % others.length;
    const chosen = [...trainingInstitutionPool.slice(0, 3), ...[...others.slice(turn), ...others.slice(0, turn)].slice(0, 5)];
    for (const [code, name] of chosen) out.push({ code, name, year, reason: `${year}年度社会培训机构公开遴选（演示数据）` });
  }
  return out;
}

export interface DemoCompetition {
  code: string;
  name: string;
  tier: 'COUNTY' | 'CITY' | 'INDUSTRY';
  organizer: string;
  startDate: string;
  endDate: string;
  occupations: string[];
}

/** Two competitions a year 2022-2025 on the demo's hrss occupations. */
export const demoCompetitions: readonly DemoCompetition[] = [2022, 2023, 2024, 2025].flatMap((year) => [
  {
    code: `JS-${year}-HG`,
    name: `${year}年濮阳县职业技能竞赛（焊工、电工）`,
    tier: 'COUNTY' as const,
    organizer: '濮阳县人力资源和社会保障局',
    startDate: `${year}-05-18`,
    endDate: `${year}-05-20`,
    occupations: ['6-18-02-04', '6-31-01-03'],
  },
  {
    code: `JS-${year}-SH`,
    name: `${year}年濮阳市石化行业技能大赛`,
    tier: 'INDUSTRY' as const,
    organizer: '中原油田分公司',
    startDate: `${year}-10-12`,
    endDate: `${year}-10-14`,
    occupations: ['6-16-02-11', '6-29-01-01'],
  },
]);

export interface DemoVoucher {
  idNumber: string;
  name: string;
  township: string;
  occupation: string;
  training: DemoTraining;
}

/**
 * Vouchers for the first `count` hrss demo people with a training in the plan period (2022 on, when the demo's
 * evaluation institutions are on the catalogue) that names an occupation, in person order.
 */
export function demoVouchers(persons: number, count = 40, seed = DEFAULT_SEED): DemoVoucher[] {
  const out: DemoVoucher[] = [];
  for (const batch of demoDepartmentBatches('HRSS', persons, 1000, seed)) {
    for (const records of batch) {
      const training = records.trainings.find((t) => t.occupation && t.startDate >= '2022-01-01');
      if (!training) continue;
      out.push({
        idNumber: records.person.idNumber,
        name: records.person.name,
        township: records.person.township,
        occupation: training.occupation!,
        training,
      });
      if (out.length >= count) return out;
    }
  }
  return out;
}

/** Competition contestants: demo hrss people trained in a competition's occupation, up to `perCompetition` each. */
export function demoContestants(
  persons: number,
  perCompetition = 6,
  seed = DEFAULT_SEED,
): { competitionCode: string; idNumber: string; name: string; township: string; occupation: string }[] {
  const wanted = new Map(demoCompetitions.map((c) => [c.code, c]));
  const taken = new Map<string, number>();
  const out: { competitionCode: string; idNumber: string; name: string; township: string; occupation: string }[] = [];
  for (const batch of demoDepartmentBatches('HRSS', persons, 1000, seed)) {
    for (const records of batch) {
      const training = records.trainings.find((t) => t.occupation);
      if (!training) continue;
      const year = training.startDate.slice(0, 4);
      const competition = [...wanted.values()].find(
        (c) => c.startDate.startsWith(year) && c.occupations.includes(training.occupation!) && (taken.get(c.code) ?? 0) < perCompetition,
      );
      if (!competition) continue;
      taken.set(competition.code, (taken.get(competition.code) ?? 0) + 1);
      out.push({
        competitionCode: competition.code,
        idNumber: records.person.idNumber,
        name: records.person.name,
        township: records.person.township,
        occupation: training.occupation!,
      });
    }
  }
  return out;
}

/** The demo county's yearly allocations to finance's subsidy funds (fen), so the fund ledger has balances to pay from. */
export const demoFundAllocations: readonly {
  programme: 'EVALUATION' | 'HIRING' | 'REFERRAL';
  year: number;
  amountFen: number;
  why: string;
}[] = [2022, 2023, 2024, 2025].flatMap((year) => [
  { programme: 'EVALUATION' as const, year, amountFen: 300_000_000, why: `${year}年职业技能评价补贴资金（演示数据）` },
  { programme: 'HIRING' as const, year, amountFen: 200_000_000, why: `${year}年吸纳就业补助资金（演示数据）` },
  { programme: 'REFERRAL' as const, year, amountFen: 50_000_000, why: `${year}年职业介绍补贴资金（演示数据）` },
]);
