import ExcelJS from 'exceljs';
import { hubSecretsFromEnv, mintToken, Principal } from '@hub/auth';
import { makeIdNumber } from '@hub/identity';
import { startHub, TestHub } from './fixtures/startHub';

const WELDER = '6-18-02-04';
const analyst: Principal = { subject: 'analyst-1', role: 'ANALYST' };
const admin: Principal = { subject: 'county-admin', role: 'COUNTY_ADMIN' };
const hrssStaff: Principal = { subject: 'office-liu', role: 'DEPARTMENT_STAFF', department: 'HRSS' };
const agricultureStaff: Principal = { subject: 'agri-wang', role: 'DEPARTMENT_STAFF', department: 'AGRICULTURE' };

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc
type Ledger = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payload

let sequence = 400;
const newPerson = (name: string) => ({ idNumber: makeIdNumber('410928', '1990-03-03', sequence++), name, township: '渠村乡' });

const ROW =
  'period from to trained certified certifiedSeniorOrAbove cumulativeTrained cumulativeCertified cumulativeCertifiedSeniorOrAbove trainedRatio certifiedRatio certifiedSeniorOrAboveRatio elapsedShare trainedPace certifiedPace certifiedSeniorOrAbovePace lagging';
const PART = `department label targets { trained certified certifiedSeniorOrAbove } total { ${ROW} } months { ${ROW} }`;
const COUNT = 'key label value yearToDate annualTarget ratio pace lagging planTarget sincePlanStart months { month value } note';
const LEDGER = `query($period: String) { progressLedger(period: $period) {
  year quarter period periodLabel from to asOf elapsedShare
  channels { channel key label targets { trained certified certifiedSeniorOrAbove } total { ${ROW} } months { ${ROW} } quarters { period } byDepartment { ${PART} } }
  departments { ${PART} } unattributed { ${PART} }
  apprentices { ${COUNT} } directedTraining { ${COUNT} } certifiedEmployment { ${COUNT} } newUrbanJobs { ${COUNT} } } }`;
const SET = `mutation($i: AnnualTargetInput!) { setAnnualTarget(input: $i) { id year department channel township townshipName measure label value reason setBy setAt } }`;

const measures = [
  ['培训人次', 'trained', 'cumulativeTrained', 'trainedRatio', 'trainedPace'],
  ['取证人数', 'certified', 'cumulativeCertified', 'certifiedRatio', 'certifiedPace'],
  [
    '其中高级工及以上',
    'certifiedSeniorOrAbove',
    'cumulativeCertifiedSeniorOrAbove',
    'certifiedSeniorOrAboveRatio',
    'certifiedSeniorOrAbovePace',
  ],
] as const;

/** What each line of the 调度表 must say, worked out from the ledger API (not from the report's code). */
function expectedLines(ledger: Ledger, department?: string): Map<string, unknown[]> {
  const lines = new Map<string, unknown[]>();
  const part = (category: string, name: string, p: Ledger, targets: Ledger, skipTrained = false) => {
    for (const [measure, key, cumulative, ratio, pace] of measures) {
      if (skipTrained && key === 'trained') continue;
      lines.set(`${category}|${name}|${measure}`, [
        p.total[key],
        p.total[cumulative],
        targets?.[key] ?? null,
        p.total[ratio],
        p.total.elapsedShare,
        p.total[pace],
        p.total[pace] !== null && p.total[pace] < 1 ? '滞后' : '',
        p.months.map((m: Ledger) => m[key]),
      ]);
    }
  };
  const mine = (d: Ledger) => !department || d.department === department;
  for (const d of ledger.departments.filter(mine)) part('部门', d.label, d, d.targets);
  for (const c of ledger.channels) {
    if (!department) part('渠道', c.label, c, c.targets);
    for (const d of c.byDepartment.filter(mine)) part('渠道·部门', `${c.label}·${d.label}`, d, d.targets);
  }
  for (const d of ledger.unattributed.filter(mine)) part('未归入渠道', d.label, d, null, true);
  if (!department) {
    for (const c of [ledger.apprentices, ledger.directedTraining, ledger.certifiedEmployment, ledger.newUrbanJobs]) {
      const planPeriod = c.annualTarget === null && c.planTarget !== null;
      lines.set(`专项|${c.label}|人数`, [
        c.value,
        c.yearToDate,
        planPeriod ? c.planTarget : c.annualTarget,
        c.ratio,
        planPeriod ? null : ledger.elapsedShare,
        c.pace,
        c.lagging ? '滞后' : '',
        c.months.map((m: Ledger) => m.value),
      ]);
    }
  }
  return lines;
}

/** The 调度表 and 按月 sheets read back: line key → [本期, 年累计, 年度目标, 完成率, 时序进度, 进度比, 状态, months]. */
async function readWorkbook(buffer: ArrayBuffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  const main = workbook.getWorksheet('调度表')!;
  const monthly = workbook.getWorksheet('按月')!;
  const cell = (v: ExcelJS.CellValue) => (v === undefined || v === null ? null : v);
  const lines = new Map<string, unknown[]>();
  const months = new Map<string, unknown[]>();
  monthly.eachRow((row, n) => {
    if (n <= 3) return;
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    months.set(
      values.slice(0, 3).join('|'),
      values.slice(3).map((v) => cell(v) ?? 0),
    );
  });
  main.eachRow((row, n) => {
    if (n <= 3) return;
    const v = (i: number) => cell(row.getCell(i).value);
    const key = [v(1), v(2), v(3)].join('|');
    lines.set(key, [v(4), v(5), v(6), v(7), v(8), v(9), v(10) ?? '', months.get(key)]);
  });
  return { workbook, main, monthly, lines, header: (main.getRow(3).values as ExcelJS.CellValue[]).slice(1) };
}

describe('the 调度 report: ledger periods, pace, annual targets as data and the workbook', () => {
  let hub: TestHub;
  const token = (who: Principal) => mintToken(who, hubSecretsFromEnv(hub.env, () => undefined).jwt);
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = (await hub.query(query, variables)) as Res;
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const refusal = async (query: string, variables?: Record<string, unknown>) => {
    const res = (await hub.query(query, variables)) as Res;
    expect(res.errors?.length).toBeGreaterThan(0);
    return res.errors![0].extensions?.reason ?? res.errors![0].extensions?.code;
  };
  const download = async (who: Principal, query: string) =>
    fetch(`${hub.gatewayUrl.replace(/\/graphql$/, '')}/county/reports/ledger?${query}`, {
      headers: { authorization: `Bearer ${await token(who)}` },
    });
  const training = (
    department: string,
    person: object,
    programme: string,
    channel: string,
    startDate: string,
    outcome = 'COMPLETED',
    directedKind: string | null = null,
  ) =>
    ok(`mutation($i: ${department}TrainingInput!) { record${department}Training(input: $i) { id } }`, {
      i: {
        ...person,
        programme,
        occupation: WELDER,
        channel,
        targetGroup: 'EMPLOYEE',
        provider: '培训机构',
        startDate,
        endDate: null,
        outcome,
        directedKind,
      },
    });
  const certificate = (department: string, person: object, number: string, issuedOn: string, level: string) =>
    ok(`mutation($i: ${department}CertificateInput!) { record${department}Certificate(input: $i) { id } }`, {
      i: { ...person, kind: 'SKILL_LEVEL', level, occupation: WELDER, certificateNumber: number, issuingBody: '评价站', issuedOn },
    });
  const ledgerOf = async (period: string): Promise<Ledger> => (await ok(LEDGER, { period })).progressLedger;

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    // 2025, a year that is over: every figure is final, so the pace is fixed.
    const a = newPerson('甲');
    await training('Hrss', a, '焊工岗位技能提升', 'ENTERPRISE', '2025-02-10');
    await certificate('Hrss', a, 'RPT-A1', '2025-03-20', 'LEVEL_3');
    const b = newPerson('乙');
    await training('Hrss', b, '电工培训', 'ENTERPRISE', '2025-05-06');
    await certificate('Hrss', b, 'RPT-B1', '2025-06-18', 'LEVEL_4');
    await training('Hrss', newPerson('丙'), '育婴员培训', 'SOCIAL_RURAL', '2025-08-01');
    await training('Hrss', newPerson('丁'), '退学的培训', 'ENTERPRISE', '2025-04-01', 'DROPPED');
    const e = newPerson('戊');
    await training('Education', e, '订单式定向培训（惠成班）', 'SCHOOL_PUBLIC', '2025-04-08', 'COMPLETED', 'ORDER');
    await certificate('Education', e, 'RPT-E1', '2025-06-05', 'LEVEL_4');
    await certificate('Education', newPerson('己'), 'RPT-F1', '2025-05-05', 'LEVEL_5');
    const g = newPerson('庚');
    await training('Agriculture', g, '高素质农民培育', 'SOCIAL_RURAL', '2025-03-03');
    await certificate('Agriculture', g, 'RPT-G1', '2025-04-28', 'LEVEL_2');
    await ok('mutation { syncHolderIndex { department lastError } }');
    await ok('mutation { setLedgerInput(key: NEW_URBAN_JOBS, year: 2025, month: 3, value: 900) { value } }');
    // 农业农村局's part of the social channel: the plan splits no channel among partners, the office enters it.
    await ok(SET, {
      i: {
        year: 2025,
        department: 'AGRICULTURE',
        channel: 'SOCIAL_RURAL',
        measure: 'TRAINED',
        value: 4,
        reason: '县领导小组办公室2025年第1次会议纪要',
      },
    });
    await ok(SET, {
      i: {
        year: 2025,
        department: 'AGRICULTURE',
        channel: 'SOCIAL_RURAL',
        measure: 'TRAINED',
        value: 2,
        reason: '年中调整：县政府常务会议',
      },
    });
    await ok(SET, {
      i: { year: 2025, department: 'AGRICULTURE', channel: 'SOCIAL_RURAL', measure: 'CERTIFIED', value: 1, reason: '会议纪要' },
    });
    await ok(SET, { i: { year: 2024, township: '渠村', measure: 'HOLDERS', value: 10, reason: '乡镇目标责任书' } });
    await ok(SET, { i: { year: 2024, township: '410928100', measure: 'HOLDERS', value: 50, reason: '乡镇目标责任书' } });
  }, 180_000);

  afterAll(() => hub?.stop());

  it('keeps every target set with who, when and why, and uses the latest one in force for the year', async () => {
    const history = (await ok('{ annualTargets(year: 2025, history: true) { label value reason setBy measure } }')).annualTargets;
    expect(history.slice(0, 3)).toEqual([
      {
        label: '社会培训机构及新型职业农民培训·农业农村局·取证人数',
        value: 1,
        reason: '会议纪要',
        setBy: 'test-admin (COUNTY_ADMIN)',
        measure: 'CERTIFIED',
      },
      expect.objectContaining({ value: 2, reason: '年中调整：县政府常务会议' }),
      expect.objectContaining({ value: 4, reason: '县领导小组办公室2025年第1次会议纪要' }),
    ]);
    const inForce = (await ok('{ annualTargets(year: 2026) { department channel township measure value setBy } }')).annualTargets;
    expect(inForce.filter((t: Ledger) => t.department === 'AGRICULTURE')).toEqual([
      {
        department: 'AGRICULTURE',
        channel: 'SOCIAL_RURAL',
        township: null,
        measure: 'TRAINED',
        value: 2,
        setBy: 'test-admin (COUNTY_ADMIN)',
      },
      {
        department: 'AGRICULTURE',
        channel: 'SOCIAL_RURAL',
        township: null,
        measure: 'CERTIFIED',
        value: 1,
        setBy: 'test-admin (COUNTY_ADMIN)',
      },
    ]);
    // Seeded from the plan, effective from 2022: each channel's figures, and the sole lead's of channels 1 and 2.
    expect(
      inForce
        .filter((t: Ledger) => t.channel === 'ENTERPRISE' && t.measure === 'TRAINED')
        .map((t: Ledger) => [t.department, t.value, t.setBy]),
    ).toEqual([
      [null, 11000, '实施方案 (plan data)'],
      ['HRSS', 11000, '实施方案 (plan data)'],
    ]);
    expect(inForce.some((t: Ledger) => t.channel === 'SOCIAL_RURAL' && t.department === 'HRSS')).toBe(false);
    expect((await ok('{ annualTargets(year: 2021) { id } }')).annualTargets).toEqual([]);
    // Who set it is for the county administrator; others see the targets and why.
    const seen = await hub.queryAs(analyst, '{ annualTargets(year: 2025, history: true) { value reason setBy } }');
    expect(seen.body.data.annualTargets[0]).toEqual({ value: 1, reason: '会议纪要', setBy: null });
  });

  it('refuses targets without a reason, with a mixed scope, for an unknown township, out of range, and from anyone but the county administrator', async () => {
    const base = { year: 2025, department: 'AGRICULTURE', channel: 'SOCIAL_RURAL', measure: 'TRAINED', value: 3, reason: '会议纪要' };
    expect(await refusal(SET, { i: { ...base, reason: '  ' } })).toBe('REASON_REQUIRED');
    expect(await refusal(SET, { i: { ...base, township: '渠村乡' } })).toBe('BAD_SCOPE');
    expect(await refusal(SET, { i: { ...base, channel: null } })).toBe('BAD_SCOPE');
    expect(await refusal(SET, { i: { ...base, department: null, channel: null, township: '火星乡', measure: 'HOLDERS' } })).toBe(
      'UNKNOWN_TOWNSHIP',
    );
    expect(await refusal(SET, { i: { ...base, department: null, channel: null, township: '渠村乡', measure: 'TRAINED' } })).toBe(
      'BAD_MEASURE',
    );
    expect(await refusal(SET, { i: { ...base, measure: 'HOLDERS' } })).toBe('BAD_MEASURE');
    expect(await refusal(SET, { i: { ...base, value: -1 } })).toBe('BAD_VALUE');
    expect(await refusal(SET, { i: { ...base, value: 50_000_000 } })).toBe('BAD_VALUE');
    expect(await refusal(SET, { i: { ...base, department: null, value: null } })).toBe('BAD_VALUE');
    expect(await refusal(SET, { i: { ...base, year: 1999 } })).toBe('BAD_YEAR');
    for (const who of [hrssStaff, analyst]) {
      const res = await hub.queryAs(who, SET, { i: base });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await ok('{ annualTargets(year: 2025, history: true) { id } }')).annualTargets).toHaveLength(3);
  });

  it('gives the half year with its pace against the share of the year elapsed, lagging rows flagged, department rows against their targets', async () => {
    const ledger = await ledgerOf('2025-H1');
    expect(ledger).toMatchObject({
      year: 2025,
      quarter: null,
      period: '2025-H1',
      periodLabel: '2025年上半年',
      from: '2025-01-01',
      to: '2025-06-30',
      asOf: '2025-06-30',
    });
    expect(ledger.elapsedShare).toBeCloseTo(181 / 365, 12);
    expect(ledger.channels[0].months.map((m: Ledger) => m.period)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(ledger.channels[0].quarters.map((q: Ledger) => q.period)).toEqual(['2025-Q1', '2025-Q2']);
    const enterprise = ledger.channels.find((c: Ledger) => c.channel === 'ENTERPRISE');
    expect(enterprise.total).toMatchObject({ period: '2025-H1', trained: 2, certified: 2, certifiedSeniorOrAbove: 1, lagging: true });
    expect(enterprise.total.trainedPace).toBeCloseTo(2 / 11000 / (181 / 365), 12);
    // 农业农村局 in the social channel: 1 of 2 trained by 30 June (pace 1.008), 1 of 1 certified: on pace.
    const social = ledger.channels.find((c: Ledger) => c.channel === 'SOCIAL_RURAL');
    const agriculture = social.byDepartment.find((d: Ledger) => d.department === 'AGRICULTURE');
    expect(agriculture.targets).toEqual({ trained: 2, certified: 1, certifiedSeniorOrAbove: null });
    expect(agriculture.total).toMatchObject({
      trained: 1,
      certified: 1,
      trainedRatio: 0.5,
      certifiedRatio: 1,
      certifiedSeniorOrAboveRatio: null,
      certifiedSeniorOrAbovePace: null,
      lagging: false,
    });
    expect(agriculture.total.trainedPace).toBeCloseTo(0.5 / (181 / 365), 12);
    // A month of the half year: January, 31/365 of the year, and behind in agriculture (nothing trained yet).
    expect(agriculture.months[0]).toMatchObject({ period: '2025-01', trainedRatio: 0, trainedPace: 0, lagging: true });
    // Departments over the three channels: 人社局's targets are its channels' sum (the seeded 企业职工 figures only).
    const hrss = ledger.departments.find((d: Ledger) => d.department === 'HRSS');
    expect(hrss.targets).toEqual({ trained: 11000, certified: 8800, certifiedSeniorOrAbove: 2200 });
    expect(hrss.total).toMatchObject({ trained: 2, certified: 2, certifiedSeniorOrAbove: 1, lagging: true });
    // 教育局's 己 has a certificate and no training: not under a channel.
    expect(ledger.unattributed.map((d: Ledger) => [d.department, d.total.certified])).toEqual([['EDUCATION', 1]]);
    expect(ledger.directedTraining).toMatchObject({ value: 1, yearToDate: 1, annualTarget: 500, lagging: true });
    expect(ledger.newUrbanJobs).toMatchObject({ value: 900, pace: null, lagging: false });
  });

  it('reads the month, quarter and year periods, and refuses anything else', async () => {
    expect(await ledgerOf('2025-M06')).toMatchObject({ period: '2025-M06', from: '2025-06-01', to: '2025-06-30', quarter: null });
    const june = await ledgerOf('2025-M06');
    expect(june.channels[0].quarters).toEqual([]);
    expect(june.channels[0].total).toMatchObject({ period: '2025-06', certified: 1, cumulativeCertified: 2 });
    expect(await ledgerOf('2025-Q2')).toMatchObject({ period: '2025-Q2', quarter: 2, from: '2025-04-01' });
    expect((await ledgerOf('2025')).elapsedShare).toBe(1);
    expect((await ok('{ progressLedger(year: 2025, quarter: 2) { period } }')).progressLedger.period).toBe('2025-Q2');
    for (const bad of ['2025-H3', '2025-13', 'H1', '2025-Q2; DROP TABLE holding'])
      expect(await refusal(LEDGER, { period: bad })).toMatch(/^BAD_(PERIOD|MONTH)$/);
    expect(await refusal('{ progressLedger(year: 2024, period: "2025-H1") { period } }')).toBe('BAD_PERIOD');
    expect(await refusal('{ progressLedger { period } }')).toBe('BAD_PERIOD');
  });

  it('gives each township its holders against the target the office set for it', async () => {
    const rows = (await ok('{ countyProgress(asOf: "2025-12-31") { byTownship { key label holders target ratio } } }')).countyProgress
      .byTownship;
    const qucun = rows.find((r: Ledger) => r.label === '渠村乡');
    expect(qucun).toMatchObject({ holders: 5, target: 10, ratio: 0.5 });
  });

  it('projects when each goal is reached at the last 12 months’ pace, with the method stated', async () => {
    const GOAL = 'key target value lastTwelveMonths perMonth deadline reached projectedDate onTime';
    const { goalProjection: p, countyProgress: c } =
      await ok(`{ goalProjection(asOf: "2025-06-30") { asOf method county { ${GOAL} } departments { department goals { ${GOAL} } } }
      countyProgress(asOf: "2025-06-30") { trainingPersonTimes { value } certificateHolders { value } } }`);
    expect(p.method).toContain('12');
    const trainings = p.county.find((g: Ledger) => g.key === 'trainingPersonTimes');
    expect(trainings).toMatchObject({
      value: c.trainingPersonTimes.value,
      lastTwelveMonths: 4,
      target: 120000,
      deadline: '2025-12-31',
      reached: false,
      onTime: false,
    });
    expect(p.county.find((g: Ledger) => g.key === 'certificateHolders')).toMatchObject({
      value: c.certificateHolders.value,
      lastTwelveMonths: 5,
    });
    // 农业农村局: 1 of 2 trained by 30 June, 1 in the last 12 months: the second a year on; its 1 certified is reached.
    const agriculture = p.departments.find((d: Ledger) => d.department === 'AGRICULTURE').goals;
    expect(agriculture).toEqual([
      {
        key: 'trained',
        target: 2,
        value: 1,
        lastTwelveMonths: 1,
        perMonth: 1 / 12,
        deadline: '2025-12-31',
        reached: false,
        projectedDate: '2026-06-30',
        onTime: false,
      },
      {
        key: 'certified',
        target: 1,
        value: 1,
        lastTwelveMonths: 1,
        perMonth: 1 / 12,
        deadline: '2025-12-31',
        reached: true,
        projectedDate: null,
        onTime: true,
      },
    ]);
    // An analyst gets a month end and published counts, never an error.
    const restricted = await hub.queryAs(analyst, '{ goalProjection(asOf: "2025-06-15") { asOf county { key value } } }');
    expect(restricted.body.errors).toBeUndefined();
    expect(restricted.body.data.goalProjection.asOf).toBe('2025-05-31');
  });

  it.each(['2025-M03', '2025-Q2', '2025-H1', '2025'])(
    'writes the %s workbook with every figure as the ledger API gives it',
    async (period) => {
      const res = await download(admin, `period=${period}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('spreadsheetml');
      expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('调度表'));
      const { workbook, main, lines, header } = await readWorkbook(await res.arrayBuffer());
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['调度表', '按月', '乡镇', '说明']);
      expect(header).toEqual(['类别', '名称', '指标', '本期', '年累计', '年度目标', '完成率', '时序进度', '进度比', '状态', '说明']);
      expect(main.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      expect(main.getColumn(4).numFmt).toBe('#,##0');
      expect(main.getColumn(7).numFmt).toBe('0.0%');
      const expected = expectedLines(await ledgerOf(period));
      expect(lines.size).toBe(expected.size);
      for (const [key, want] of expected) {
        const got = lines.get(key);
        expect([key, got?.slice(0, 3), got?.[6], got?.[7]]).toEqual([key, want.slice(0, 3), want[6], want[7]]);
        for (const i of [3, 4, 5]) {
          if (want[i] === null) expect([key, i, got?.[i]]).toEqual([key, i, null]);
          else expect(got?.[i]).toBeCloseTo(want[i] as number, 12);
        }
      }
      // 乡镇: holders on the ledger's as-of date against the township targets, as countyProgress gives them; 城关镇 has none yet.
      const ledger = await ledgerOf(period);
      const byTownship = (await ok(`{ countyProgress(asOf: "${ledger.asOf}") { byTownship { key label holders target ratio } } }`))
        .countyProgress.byTownship;
      const townshipRows: unknown[][] = [];
      workbook
        .getWorksheet('乡镇')!
        .eachRow((row, n) => n > 3 && townshipRows.push((row.values as unknown[]).slice(1, 6).map((v) => v ?? null)));
      expect(townshipRows).toEqual([
        ...byTownship.map((t: Ledger) => [t.key, t.label, t.holders, t.target, t.ratio]),
        ['410928100', '城关镇', 0, 50, 0],
      ]);
      const notes = workbook.getWorksheet('说明')!;
      const text = notes.getColumn(2).values.join('\n');
      expect(text).toContain('三(二)');
      expect(text).toContain('二(一)第1条');
      if (period === '2025-H1') {
        const lagging = [...lines.entries()].filter(([, l]) => l[6] === '滞后').map(([k]) => k);
        expect(lagging).toContain('渠道|企业职工全员培训|培训人次');
        expect(lagging).not.toContain('渠道·部门|社会培训机构及新型职业农民培训·农业农村局|培训人次');
        expect(main.getRow(4).getCell(2).value).toBeTruthy();
      }
    },
  );

  it('gives department staff their own department only, and nobody else the workbook', async () => {
    const own = await download(agricultureStaff, 'period=2025-H1');
    expect(own.status).toBe(200);
    const { lines } = await readWorkbook(await own.arrayBuffer());
    const expected = expectedLines(await ledgerOf('2025-H1'), 'AGRICULTURE');
    const { workbook } = await readWorkbook(await (await download(agricultureStaff, 'period=2025-H1')).arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['调度表', '按月', '说明']);
    expect([...lines.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...lines.keys()].every((k) => k.includes('农业农村局'))).toBe(true);
    for (const [key, want] of expected) expect(lines.get(key)?.slice(0, 3)).toEqual(want.slice(0, 3));
    expect((await download(admin, 'period=2025-H1&department=agriculture')).status).toBe(200);
    expect((await download(agricultureStaff, 'period=2025-H1&department=hrss')).status).toBe(403);
    expect((await download(analyst, 'period=2025-H1')).status).toBe(403);
    expect((await download({ subject: 'screen', role: 'DASHBOARD' }, 'period=2025-H1')).status).toBe(403);
    const bad = await download(admin, 'period=2025-H9');
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe('BAD_PERIOD');
    expect((await download(admin, 'period=2025&department=mars')).status).toBe(400);
    const anonymous = await fetch(`${hub.gatewayUrl.replace(/\/graphql$/, '')}/county/reports/ledger?period=2025`);
    expect(anonymous.status).toBe(401);
  });
});
