import { makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { planTargets } from '@hub/vocabulary';
import { startHub, TestHub } from './fixtures/startHub';

const WELDER = '6-18-02-04';
const dashboard: Principal = { subject: 'big-screen', role: 'DASHBOARD' };
const hrssStaff: Principal = { subject: 'office-liu', role: 'DEPARTMENT_STAFF', department: 'HRSS' };
const educationStaff: Principal = { subject: 'edu-clerk', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc
const reason = (res: Res) => res.errors?.[0]?.extensions?.reason;

let sequence = 700;
const newPerson = (name: string) => ({ idNumber: makeIdNumber('410928', '1995-07-07', sequence++), name, township: '渠村乡' });

const ROW =
  'period from to trained certified certifiedSeniorOrAbove cumulativeTrained cumulativeCertified cumulativeCertifiedSeniorOrAbove trainedRatio certifiedRatio certifiedSeniorOrAboveRatio';
const COUNT = 'key label value yearToDate annualTarget ratio planTarget sincePlanStart months { month value } note';
const LEDGER = `query($year: Int!, $quarter: Int) { progressLedger(year: $year, quarter: $quarter) {
  year quarter from to
  channels { channel key lead targets { trained certified certifiedSeniorOrAbove } total { ${ROW} } months { ${ROW} } quarters { ${ROW} }
    byDepartment { department total { ${ROW} } months { period trained certified } } }
  unattributed { department total { certified certifiedSeniorOrAbove } }
  apprentices { ${COUNT} } directedTraining { ${COUNT} } certifiedEmployment { ${COUNT} } newUrbanJobs { ${COUNT} }
  completeness { department included } } }`;

/**
 * A small county in 2026: trainings and certificates in three departments and channels, so every figure
 * of the ledger for 2026-Q4 (the current quarter) can be worked out by hand.
 */
describe('the progress ledger (plan 三(二)): monthly dispatch and quarterly bulletin against the channel targets', () => {
  let hub: TestHub;

  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const training = (
    mutation: string,
    type: string,
    person: object,
    programme: string,
    channel: string,
    startDate: string,
    extra: Record<string, unknown> = {},
  ) =>
    ok(`mutation($i: ${type}!) { ${mutation}(input: $i) { id } }`, {
      i: {
        ...person,
        programme,
        occupation: WELDER,
        channel,
        targetGroup: 'EMPLOYEE',
        provider: '培训机构',
        startDate,
        endDate: null,
        outcome: 'COMPLETED',
        ...extra,
      },
    });
  const certificate = (mutation: string, type: string, person: object, number: string, issuedOn: string, level = 'LEVEL_4') =>
    ok(`mutation($i: ${type}!) { ${mutation}(input: $i) { id } }`, {
      i: { ...person, kind: 'SKILL_LEVEL', level, occupation: WELDER, certificateNumber: number, issuingBody: '评价站', issuedOn },
    });
  const hrssTraining = (person: object, startDate: string, channel = 'ENTERPRISE', extra: Record<string, unknown> = {}) =>
    training('recordHrssTraining', 'HrssTrainingInput', person, `岗位技能提升 ${startDate}`, channel, startDate, extra);
  const hrssCertificate = (person: object, number: string, issuedOn: string, level?: string) =>
    certificate('recordHrssCertificate', 'HrssCertificateInput', person, number, issuedOn, level);

  let ledger: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payload
  const channel = (c: string) => ledger.channels.find((x: { channel: string }) => x.channel === c);

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    // 人社局, 企业职工 channel: A trained in Q3 and Q4, certified in October at 三级 (高级工) and in November at 四级.
    const a = newPerson('甲');
    await hrssTraining(a, '2026-08-05');
    await hrssTraining(a, '2026-10-03', 'ENTERPRISE', { apprenticeship: true, enterprise: '濮阳惠成电子材料' });
    await hrssCertificate(a, 'LEDGER-A1', '2026-10-20', 'LEVEL_3');
    await hrssCertificate(a, 'LEDGER-A2', '2026-11-02', 'LEVEL_4');
    // B: a 人社局 training in the social channel first, then an enterprise one: the certificate follows the latest earlier one.
    const b = newPerson('乙');
    await hrssTraining(b, '2026-07-01', 'SOCIAL_RURAL');
    await hrssTraining(b, '2026-10-10', 'ENTERPRISE', { apprenticeship: true });
    await hrssCertificate(b, 'LEDGER-B1', '2026-10-25', 'LEVEL_5');
    // C: certified in September after a social-channel training: Q3, social channel.
    const c = newPerson('丙');
    await hrssTraining(c, '2026-07-15', 'SOCIAL_RURAL');
    await hrssCertificate(c, 'LEDGER-C1', '2026-09-15', 'LEVEL_2');
    // D: a dropped training counts for nothing; a certificate with no 人社局 training is unattributed.
    const d = newPerson('丁');
    await hrssTraining(d, '2026-10-12', 'ENTERPRISE', { outcome: 'DROPPED', apprenticeship: true });
    await hrssCertificate(d, 'LEDGER-D1', '2026-10-30', 'LEVEL_4');
    // 教育局: a directed (订单式) training and an ordinary one whose name merely mentions 定向 (the field decides, not the
    // name); 农业农村局 records a 定向式 one. E certified in November.
    const e = newPerson('戊');
    await training('recordEducationTraining', 'EducationTrainingInput', e, '惠成班', 'SCHOOL_PUBLIC', '2026-10-08', {
      directedKind: 'ORDER',
    });
    await training(
      'recordEducationTraining',
      'EducationTrainingInput',
      newPerson('己'),
      '教师职业能力提升培训（定向帮扶讲座）',
      'SCHOOL_PUBLIC',
      '2026-11-01',
    );
    await training(
      'recordEducationTraining',
      'EducationTrainingInput',
      newPerson('庚'),
      '定向培训（往年）',
      'SCHOOL_PUBLIC',
      '2025-10-08',
      { directedKind: 'TARGETED' },
    );
    await certificate('recordEducationCertificate', 'EducationCertificateInput', e, 'LEDGER-E1', '2026-11-05', 'LEVEL_3');
    // 农业农村局, social channel: F trained and certified in November.
    const f = newPerson('辛');
    await training('recordAgricultureTraining', 'AgricultureTrainingInput', f, '高素质农民培育', 'SOCIAL_RURAL', '2026-11-03');
    await certificate('recordAgricultureCertificate', 'AgricultureCertificateInput', f, 'LEDGER-F1', '2026-11-20', 'LEVEL_5');
    await ok('mutation { syncHolderIndex { department lastError } }');
    await ok('mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2026, month: 10, value: 1200, note: "县就业中心报送") { value } }');
    await ok('mutation { setLedgerInput(key: CERTIFIED_EMPLOYMENT, year: 2026, month: 10, value: 300) { value } }');
    await ok('mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2025, month: 6, value: 13000) { value } }');
    ledger = (await ok(LEDGER, { year: 2026, quarter: 4 })).progressLedger;
  }, 180_000);

  afterAll(() => hub?.stop());

  it('covers the quarter asked for, month by month, with the annual channel targets from the plan data', () => {
    expect(ledger).toMatchObject({ year: 2026, quarter: 4, from: '2026-10-01', to: '2026-12-31' });
    for (const planned of planTargets().annualChannels) {
      const row = ledger.channels.find((c: { key: string }) => c.key === planned.key);
      expect(row.targets).toEqual({
        trained: planned.trained,
        certified: planned.certified,
        certifiedSeniorOrAbove: planned.certifiedSeniorOrAbove,
      });
    }
    expect(channel('ENTERPRISE').targets).toEqual({ trained: 11000, certified: 8800, certifiedSeniorOrAbove: 2200 });
    expect(channel('ENTERPRISE').lead).toBe('HRSS');
    expect(channel('SCHOOL_PUBLIC').lead).toBe('EDUCATION');
    expect(channel('ENTERPRISE').months.map((m: { period: string }) => m.period)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(channel('ENTERPRISE').quarters.map((q: { period: string }) => q.period)).toEqual(['2026-Q4']);
  });

  it('counts trainings, persons certified and persons certified at 高级工 or above per channel, with year-to-date ratios against the targets', () => {
    const enterprise = channel('ENTERPRISE');
    // Q4 trainings: A (Oct 3), B (Oct 10); D's was dropped. Year: plus A's August one.
    expect(enterprise.total).toMatchObject({
      period: '2026-Q4',
      trained: 2,
      certified: 2,
      certifiedSeniorOrAbove: 1,
      cumulativeTrained: 3,
      cumulativeCertified: 2,
      cumulativeCertifiedSeniorOrAbove: 1,
    });
    expect(enterprise.total.trainedRatio).toBeCloseTo(3 / 11000, 12);
    expect(enterprise.total.certifiedRatio).toBeCloseTo(2 / 8800, 12);
    expect(enterprise.total.certifiedSeniorOrAboveRatio).toBeCloseTo(1 / 2200, 12);
    expect(
      enterprise.months.map((m: { trained: number; certified: number; certifiedSeniorOrAbove: number }) => [
        m.trained,
        m.certified,
        m.certifiedSeniorOrAbove,
      ]),
    ).toEqual([
      [2, 2, 1],
      [0, 1, 0],
      [0, 0, 0],
    ]);
    // A is certified in October and again in November: once in the quarter, once in each month.
    expect(enterprise.months[1]).toMatchObject({ cumulativeCertified: 2, cumulativeTrained: 3 });

    const social = channel('SOCIAL_RURAL');
    expect(social.total).toMatchObject({
      trained: 1,
      certified: 1,
      certifiedSeniorOrAbove: 0,
      cumulativeTrained: 3,
      cumulativeCertified: 2,
      cumulativeCertifiedSeniorOrAbove: 1,
    });
    expect(social.byDepartment.map((d: { department: string }) => d.department)).toEqual(
      expect.arrayContaining(['HRSS', 'AGRICULTURE', 'VETERANS', 'CIVIL_AFFAIRS']),
    );
    const byDepartment = Object.fromEntries(
      social.byDepartment.map((d: { department: string; total: { cumulativeTrained: number; cumulativeCertified: number } }) => [
        d.department,
        [d.total.cumulativeTrained, d.total.cumulativeCertified],
      ]),
    );
    expect(byDepartment).toMatchObject({ HRSS: [2, 1], AGRICULTURE: [1, 1], VETERANS: [0, 0] });
    expect(social.byDepartment[0].total.trainedRatio).toBeNull();

    const school = channel('SCHOOL_PUBLIC');
    expect(school.total).toMatchObject({ trained: 2, certified: 1, certifiedSeniorOrAbove: 1 });
  });

  it('attributes a certificate to the holder’s latest earlier training in the same department, and shows the rest as unattributed', () => {
    const hrssEnterprise = channel('ENTERPRISE').byDepartment.find((d: { department: string }) => d.department === 'HRSS');
    // B trained in the social channel in July and in the enterprise channel in October: the October certificate is the enterprise channel's.
    expect(hrssEnterprise.total.certified).toBe(2);
    expect(ledger.unattributed).toEqual([{ department: 'HRSS', total: { certified: 1, certifiedSeniorOrAbove: 0 } }]);
  });

  it('counts apprentices from 人社局 trainings and directed training from education’s feed against their annual counts', () => {
    const annual = Object.fromEntries(planTargets().annualCounts.map((c) => [c.key, c.target]));
    expect(ledger.apprentices).toMatchObject({
      value: 2,
      yearToDate: 2,
      annualTarget: annual.apprentices,
      months: [
        { month: '2026-10', value: 2 },
        { month: '2026-11', value: 0 },
        { month: '2026-12', value: 0 },
      ],
    });
    expect(ledger.apprentices.ratio).toBeCloseTo(2 / annual.apprentices, 12);
    expect(ledger.directedTraining).toMatchObject({ value: 1, yearToDate: 1, annualTarget: annual.directedTraining });
    expect(ledger.directedTraining.note).toContain('教育局');
  });

  it('shows the office’s monthly inputs with the plan-period total against the 55,000 new urban jobs', () => {
    expect(ledger.newUrbanJobs).toMatchObject({
      value: 1200,
      yearToDate: 1200,
      annualTarget: null,
      planTarget: 55000,
      sincePlanStart: 14200,
    });
    expect(ledger.newUrbanJobs.ratio).toBeCloseTo(14200 / 55000, 12);
    // October was entered; a month is only due once it has ended.
    expect(ledger.newUrbanJobs.note ?? '').not.toContain('2026-10');
    expect(ledger.newUrbanJobs.note ?? '').not.toContain('2026-12');
    expect(ledger.certifiedEmployment).toMatchObject({
      value: 300,
      planTarget: null,
      months: [
        { month: '2026-10', value: 300 },
        { month: '2026-11', value: 0 },
        { month: '2026-12', value: 0 },
      ],
    });
  });

  it('gives the whole year by month and by quarter when no quarter is asked for, naming the months the office has not entered', async () => {
    const year = (await ok(LEDGER, { year: 2026 })).progressLedger;
    const social = year.channels.find((c: { channel: string }) => c.channel === 'SOCIAL_RURAL');
    expect(year).toMatchObject({ quarter: null, from: '2026-01-01', to: '2026-12-31' });
    expect(social.months).toHaveLength(12);
    expect(social.quarters.map((q: { period: string; trained: number; certified: number }) => [q.period, q.trained, q.certified])).toEqual([
      ['2026-Q1', 0, 0],
      ['2026-Q2', 0, 0],
      ['2026-Q3', 2, 1],
      ['2026-Q4', 1, 1],
    ]);
    expect(social.total).toMatchObject({ period: '2026', trained: 3, certified: 2, cumulativeTrained: 3 });
    // The office has entered October only: the months that have ended without a figure are named.
    expect(year.newUrbanJobs.note).toContain('2026-01');
    expect(year.newUrbanJobs.note).toContain('2026-09');
    expect(year.newUrbanJobs.note).not.toContain('2026-10');
  });

  it('takes a new directed training into the ledger at the next sync of the index, without counting the old ones twice', async () => {
    await training(
      'recordEducationTraining',
      'EducationTrainingInput',
      newPerson('壬'),
      '装备制造企业用工培训',
      'SCHOOL_PUBLIC',
      '2026-11-10',
      { directedKind: 'TARGETED' },
    );
    // The ledger reads the holder index: as fresh as its last sync (completeness says when that was).
    expect((await ok(LEDGER, { year: 2026, quarter: 4 })).progressLedger.directedTraining.value).toBe(1);
    await ok('mutation { syncHolderIndex { department lastError } }');
    const next = (await ok(LEDGER, { year: 2026, quarter: 4 })).progressLedger;
    expect(next.directedTraining.value).toBe(2);
    expect((await ok(LEDGER, { year: 2026, quarter: 4 })).progressLedger.directedTraining.value).toBe(2);
  });

  it('lets dashboards read the ledger, the office enter figures, and nobody else', async () => {
    expect(
      (await hub.queryAs(dashboard, '{ progressLedger(year: 2026, quarter: 4) { channels { total { certified } } } }')).body.errors,
    ).toBeUndefined();
    const byOffice = await hub.queryAs(
      hrssStaff,
      'mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2026, month: 11, value: 900) { value yearToDate } }',
    );
    expect(byOffice.body.data.setLedgerInput).toEqual({ value: 2100, yearToDate: 2100 });
    const byEducation = await hub.queryAs(
      educationStaff,
      'mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2026, month: 11, value: 1) { value } }',
    );
    expect(byEducation.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a quarter outside 1-4, a month not yet begun and a negative figure', async () => {
    expect(reason(await hub.query('{ progressLedger(year: 2026, quarter: 5) { year } }'))).toBe('BAD_QUARTER');
    expect(reason(await hub.query('mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2099, month: 1, value: 1) { value } }'))).toBe(
      'FUTURE_MONTH',
    );
    expect(reason(await hub.query('mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2026, month: 9, value: -1) { value } }'))).toBe(
      'BAD_VALUE',
    );
  });
});
