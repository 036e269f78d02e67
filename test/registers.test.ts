import { creditCodeCheckCharacter, makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';

const WELDER = '6-18-02-04';
const ELECTRICIAN = '6-31-01-03';
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };
const veteransStaff: Principal = { subject: 'tuijun-wang', role: 'DEPARTMENT_STAFF', department: 'VETERANS' };

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc
const reason = (res: Res) => res.errors?.[0]?.extensions?.reason;

/** A valid 统一社会信用代码 of the county (410928) with a made-up organisation code. */
const creditCode = (n: number) => {
  const body = `91410928MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
};

let sequence = 700;
const newPerson = (name: string) => ({ idNumber: makeIdNumber('410928', '1990-05-06', sequence++), name, township: '梨园乡' });

describe('hrss registers: enterprises (统一社会信用代码, size class, 企业自主评价) and social training institutions', () => {
  let hub: TestHub;
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const ENTERPRISE =
    'creditCode name sizeClass employees townshipCode selfEvaluation { certifiedEmployees coverage } events { action reason actor }';
  const registerEnterprise = (input: Record<string, unknown>, why = '营业执照核验') =>
    hub.query(`mutation($i: EnterpriseInput!, $r: String!) { registerEnterprise(input: $i, reason: $r) { ${ENTERPRISE} } }`, {
      i: input,
      r: why,
    });
  const certificate = (person: { idNumber: string; name: string }, number: string, extra: Record<string, unknown>) =>
    ok('mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { id } }', {
      i: {
        ...person,
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: WELDER,
        certificateNumber: number,
        issuingBody: '濮阳县人力资源和社会保障局',
        issuedOn: '2025-05-01',
        ...extra,
      },
    });
  const training = (person: { idNumber: string; name: string }, provider: string, extra: Record<string, unknown> = {}) =>
    ok('mutation($i: HrssTrainingInput!) { recordHrssTraining(input: $i) { id } }', {
      i: {
        ...person,
        programme: `焊工培训-${provider}`,
        occupation: WELDER,
        channel: 'ENTERPRISE',
        targetGroup: 'EMPLOYEE',
        provider,
        startDate: '2025-03-10',
        endDate: '2025-04-10',
        outcome: 'COMPLETED',
        ...extra,
      },
    });

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
  }, 180_000);
  afterAll(() => hub?.stop());

  it('registers an enterprise under its normalized credit code, audited, and refuses a second registration', async () => {
    const code = creditCode(1);
    const typed = ` ${code.slice(0, 9).toLowerCase()}-${code.slice(9)} `;
    const res = await registerEnterprise({
      creditCode: typed,
      name: '濮阳县龙丰纸业有限公司',
      sizeClass: 'MEDIUM',
      employees: 200,
      townshipCode: '410928100',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.registerEnterprise).toMatchObject({
      creditCode: code,
      sizeClass: 'MEDIUM',
      employees: 200,
      events: [{ action: 'REGISTER', reason: '营业执照核验' }],
    });
    expect(reason(await registerEnterprise({ creditCode: code, name: '重复', sizeClass: 'SMALL' }))).toBe('ENTERPRISE_ALREADY_REGISTERED');
  });

  it('refuses a credit code with a wrong check character, a bad length or a letter outside the alphabet', async () => {
    const code = creditCode(2);
    const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    for (const bad of [wrongCheck, code.slice(0, 17), `${code.slice(0, 16)}I${code[17]}`]) {
      const res = await registerEnterprise({ creditCode: bad, name: '某公司', sizeClass: 'SMALL' });
      expect(reason(res)).toBe('BAD_CREDIT_CODE');
    }
    expect((await ok('{ enterprises { creditCode } }')).enterprises.map((e: { creditCode: string }) => e.creditCode)).not.toContain(
      wrongCheck,
    );
    expect(reason(await registerEnterprise({ creditCode: creditCode(3), name: '某公司' }))).toBe('REQUIRED');
    expect(reason(await registerEnterprise({ creditCode: creditCode(3), name: '某公司', sizeClass: 'SMALL', employees: 0 }))).toBe(
      'BAD_EMPLOYEES',
    );
    expect(
      reason(await registerEnterprise({ creditCode: creditCode(3), name: '某公司', sizeClass: 'SMALL', townshipCode: '999999999' })),
    ).toBe('BAD_TOWNSHIP');
  });

  it('corrects the size class with a reason, keeps the other facts and lists by size class', async () => {
    const code = creditCode(4);
    await registerEnterprise({ creditCode: code, name: '濮阳县恒润化工有限公司', sizeClass: 'SMALL', employees: 80 });
    const res = await hub.query(
      `mutation($i: EnterpriseInput!) { correctEnterprise(input: $i, reason: "2025年度统计年报为大型企业") { ${ENTERPRISE} } }`,
      { i: { creditCode: code, sizeClass: 'LARGE' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.correctEnterprise).toMatchObject({ name: '濮阳县恒润化工有限公司', sizeClass: 'LARGE', employees: 80 });
    expect(res.data.correctEnterprise.events.map((e: { action: string }) => e.action)).toEqual(['REGISTER', 'CORRECT']);
    const large = (await ok('{ enterprises(sizeClass: LARGE) { creditCode } }')).enterprises;
    expect(large).toEqual([{ creditCode: code }]);
    const missing = await hub.query(`mutation($i: EnterpriseInput!) { correctEnterprise(input: $i, reason: "x") { creditCode } }`, {
      i: { creditCode: creditCode(99), sizeClass: 'SMALL' },
    });
    expect(reason(missing)).toBe('ENTERPRISE_NOT_FOUND');
  });

  it('counts 企业自主评价 coverage: distinct people whose counting certificate the enterprise itself evaluated', async () => {
    const code = creditCode(5);
    const name = '濮阳县中原机械制造有限公司';
    await registerEnterprise({ creditCode: code, name, sizeClass: 'MEDIUM', employees: 4 });
    const [a, b, c, d] = ['甲', '乙', '丙', '丁'].map((n) => newPerson(`自评${n}`));
    await certificate(a, 'ZP-1', { evaluationInstitution: code });
    await certificate(a, 'ZP-2', { evaluationInstitution: name, occupation: ELECTRICIAN }); // the same person twice: once
    await certificate(b, 'ZP-3', { evaluationInstitution: name });
    await certificate(c, 'ZP-4', { evaluationInstitution: code, validUntil: '2025-06-01' }); // expired: not today
    await certificate(d, 'ZP-5', { evaluationInstitution: '濮阳县职业技能鉴定中心' }); // another evaluator
    const one = (
      await ok(
        `query($c: String!) { enterprise(creditCode: $c) { selfEvaluation { certifiedEmployees coverage } mid: selfEvaluation(asOf: "2025-05-15") { certifiedEmployees } } }`,
        { c: code },
      )
    ).enterprise;
    expect(one.selfEvaluation).toEqual({ certifiedEmployees: 2, coverage: 0.5 });
    expect(one.mid.certifiedEmployees).toBe(3);
  });

  it('answers null for an unregistered code and refuses a malformed one', async () => {
    expect((await ok('query($c: String!) { enterprise(creditCode: $c) { name } }', { c: creditCode(77) })).enterprise).toBeNull();
    expect(reason(await hub.query('{ enterprise(creditCode: "12345") { name } }'))).toBe('BAD_CREDIT_CODE');
  });

  it('keeps the registers from analysts and other departments, and their writes from anyone but hrss and the county', async () => {
    for (const who of [analyst, veteransStaff]) {
      const read = await hub.queryAs(who, '{ enterprises { creditCode } trainingInstitutions(year: 2025) { code } }');
      expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const write = await hub.queryAs(
      veteransStaff,
      'mutation { selectTrainingInstitution(code: "PX-X", name: "x", year: 2025, reason: "x") { code } }',
    );
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("selects training institutions by year with who and why, withdraws one, and computes each one's output", async () => {
    const select = (code: string, year: number, name?: string) =>
      hub.query(
        'mutation($c: String!, $n: String, $y: Int!) { selectTrainingInstitution(code: $c, name: $n, year: $y, reason: "2025年度公开遴选第一批") { code name year selectedBy } }',
        { c: code, n: name ?? null, y: year },
      );
    expect((await select('px-01', 2025, '濮阳县蓝天职业培训学校')).data.selectTrainingInstitution).toMatchObject({
      code: 'PX-01',
      name: '濮阳县蓝天职业培训学校',
      year: 2025,
    });
    await select('PX-02', 2025, '濮阳县华夏职业培训学校');
    await select('PX-03', 2025, '濮阳县惠民家政培训中心');
    expect(reason(await select('PX-01', 2025))).toBe('ALREADY_SELECTED');
    expect(reason(await select('PX-09', 2025))).toBe('REQUIRED');
    await select('PX-01', 2024); // a known institution needs no name again
    expect(
      (await ok('mutation { withdrawTrainingInstitution(code: "PX-03", year: 2025, reason: "未按期开班") }')).withdrawTrainingInstitution,
    ).toBe(true);
    expect(reason(await hub.query('mutation { withdrawTrainingInstitution(code: "PX-03", year: 2025, reason: "again") }'))).toBe(
      'NOT_SELECTED',
    );

    // 蓝天: 4 hrss trainings in 2025 (3 completed, 2 certified in time and occupation), one in 2024 that does not count for 2025.
    const people = ['一', '二', '三', '四', '五'].map((n) => newPerson(`学员${n}`));
    await training(people[0], '濮阳县蓝天职业培训学校');
    await certificate(people[0], 'LT-1', { issuedOn: '2025-05-01' });
    await training(people[1], '濮阳县蓝天职业培训学校');
    await certificate(people[1], 'LT-2', { issuedOn: '2025-12-01' });
    await training(people[2], '濮阳县蓝天职业培训学校');
    await certificate(people[2], 'LT-3', { issuedOn: '2025-01-05' }); // before the training: not its result
    await training(people[3], '濮阳县蓝天职业培训学校', { outcome: 'IN_PROGRESS', endDate: null });
    await training(people[4], '濮阳县蓝天职业培训学校', { startDate: '2024-03-10', endDate: '2024-04-10' });
    await training(people[4], '濮阳县华夏职业培训学校', { outcome: 'DROPPED', endDate: null });
    // Other departments' records count too: 六 trained by education (the name written with a space), certified by
    // agriculture; 七's hrss certificate was withdrawn without a date.
    const [liu, qi] = ['六', '七'].map((n) => newPerson(`学员${n}`));
    await ok('mutation($i: EducationTrainingInput!) { recordEducationTraining(input: $i) { id } }', {
      i: {
        ...liu,
        programme: '焊工培训',
        occupation: WELDER,
        channel: 'SCHOOL_PUBLIC',
        targetGroup: 'EMPLOYEE',
        provider: '濮阳县 蓝天职业培训学校',
        startDate: '2025-03-10',
        endDate: '2025-04-10',
        outcome: 'COMPLETED',
      },
    });
    await ok('mutation($i: AgricultureCertificateInput!) { recordAgricultureCertificate(input: $i) { id } }', {
      i: {
        ...liu,
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: WELDER,
        certificateNumber: 'NY-LT-6',
        issuingBody: '濮阳县农业农村局',
        issuedOn: '2025-06-01',
      },
    });
    await training(qi, '濮阳县蓝天职业培训学校');
    await certificate(qi, 'LT-7', { issuedOn: '2025-05-01' });
    await ok('mutation { revokeHrssCertificate(certificateNumber: "LT-7", reason: "考核舞弊") { id } }');
    // The outputs are the county holder index's: it has the departments' changes once it has synced.
    await ok('mutation { syncHolderIndex { department } }');

    const list = (
      await ok('{ trainingInstitutions(year: 2025) { code selectedBy reason output { trained completed certified passRate } } }')
    ).trainingInstitutions;
    expect(list.map((i: { code: string }) => i.code)).toEqual(['PX-01', 'PX-02']);
    expect(list[0].output).toEqual({ trained: 6, completed: 5, certified: 3, passRate: 0.6 });
    expect(list[1].output).toEqual({ trained: 1, completed: 0, certified: 0, passRate: null });
    expect(list[0].reason).toBe('2025年度公开遴选第一批');
    const decisions = (await ok('{ trainingInstitutionDecisions(year: 2025) { institutionCode action reason } }'))
      .trainingInstitutionDecisions;
    expect(
      decisions.filter((d: { institutionCode: string }) => d.institutionCode === 'PX-03').map((d: { action: string }) => d.action),
    ).toEqual(['SELECT', 'WITHDRAW']);
    expect((await ok('{ trainingInstitutions(year: 2024) { code output { trained } } }')).trainingInstitutions).toEqual([
      { code: 'PX-01', output: { trained: 1 } },
    ]);
    const year = (
      await ok(
        '{ trainingInstitutionYear(year: 2025) { selected target output { trained completed certified passRate } institutions { code } } }',
      )
    ).trainingInstitutionYear;
    expect(year).toEqual({
      selected: 2,
      target: 8,
      output: { trained: 7, completed: 5, certified: 3, passRate: 0.6 },
      institutions: [{ code: 'PX-01' }, { code: 'PX-02' }],
    });
    expect(reason(await hub.query('{ trainingInstitutionYear(year: 1899) { selected } }'))).toBe('BAD_YEAR');
    // The county's institution-output read is for services: not in the gateway's API.
    const direct = await hub.query('{ trainingInstitutionOutputs(institutions: [["PX-01"]], year: 2025) { trained } }');
    expect(direct.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // On the county service itself: the service role (as hrss asks) gets the figures; a department's staff does not.
    const ask = (who: Principal) =>
      hub.querySubgraph(
        'county',
        'query($i: [[String!]!]!) { trainingInstitutionOutputs(institutions: $i, year: 2025) { trained } }',
        { i: [['PX-01', '濮阳县蓝天职业培训学校']] },
        who,
      );
    expect((await ask({ subject: 'hrss-programmes', role: 'SERVICE' })).body.data?.trainingInstitutionOutputs).toEqual([{ trained: 6 }]);
    expect((await ask(veteransStaff)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
