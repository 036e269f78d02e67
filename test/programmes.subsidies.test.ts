import { creditCodeCheckCharacter, makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { planTargets } from '@hub/vocabulary';
import { startHub, TestHub } from './fixtures/startHub';

const WELDER = '6-18-02-04';
const financeStaff: Principal = { subject: 'finance-clerk', role: 'DEPARTMENT_STAFF', department: 'FINANCE' };
const educationStaff: Principal = { subject: 'edu-clerk', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };

const EVALUATION_CLAIM =
  'mutation($i: FinanceEvaluationSubsidyClaimInput!) { claimEvaluationSubsidy(input: $i) { id amountFen institutionCode level occupation { code } certificate { department certificateId } claimedBy person { id } } }';
const HIRING_CLAIM =
  'mutation($i: FinanceHiringSubsidyClaimInput!) { claimHiringSubsidy(input: $i) { id amountFen year claimantCode certificate { department } } }';
const REFERRAL_CLAIM =
  'mutation($i: FinanceReferralSubsidyClaimInput!) { claimReferralSubsidy(input: $i) { id amountFen year programme } }';

/** A valid 统一社会信用代码 of the county (410928) with a made-up organisation code. */
function uscc(n: number): string {
  const body = `91410928MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckCharacter(body);
}
/** Employers of the hiring claims, registered in hrss's enterprise register in beforeAll (large: not an SME). */
const QY = {
  main: uscc(101),
  cond: uscc(102),
  late: uscc(103),
  cap: uscc(104),
  other: uscc(105),
  large: uscc(106),
  unregistered: uscc(107),
};

let sequence = 300;
function newPerson(name: string) {
  return { idNumber: makeIdNumber('410928', '1988-09-09', sequence++), name, township: '城关镇' };
}

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc
const reason = (res: Res) => res.errors?.[0]?.extensions?.reason;
const code = (res: Res) => res.errors?.[0]?.extensions?.code;

describe('subsidies and the fund ledger (plan 4 and 7)', () => {
  let hub: TestHub;

  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const sync = () => ok('mutation { syncHolderIndex { department lastError } }');
  const certify = (person: { idNumber: string; name: string }, number: string, extra: Record<string, unknown> = {}) =>
    ok('mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { id } }', {
      i: {
        ...person,
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: WELDER,
        certificateNumber: number,
        issuingBody: '濮阳县焊工评价站',
        issuedOn: '2025-06-10',
        ...extra,
      },
    });
  const claimEvaluation = (person: { idNumber: string }, extra: Record<string, unknown> = {}) =>
    hub.query(EVALUATION_CLAIM, {
      i: { institutionCode: 'PJ-01', idNumber: person.idNumber, occupation: WELDER, level: 'LEVEL_4', evaluatedOn: '2025-06-01', ...extra },
    });
  const hiring = (person: { idNumber: string }, extra: Record<string, unknown> = {}) =>
    hub.query(HIRING_CLAIM, {
      i: {
        employerCode: QY.main,
        employerName: '濮阳县龙丰纸业',
        idNumber: person.idNumber,
        hiredOn: '2023-03-01',
        employedThrough: '2024-03-01',
        insuredMonths: 12,
        ...extra,
      },
    });
  const totals = async (programme: string, year: number) =>
    (await ok(`{ financeFundTotals(programme: ${programme}, year: ${year}) { inFen outFen balanceFen entries } }`)).financeFundTotals[0];

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    await ok(
      'mutation { admitEvaluationInstitution(code: "PJ-01", name: "濮阳县焊工评价站", effectiveOn: "2022-01-01", reason: "备案") { code } }',
    );
    await ok(
      'mutation { admitEvaluationInstitution(code: "PJ-02", name: "县技工学校评价站", effectiveOn: "2022-01-01", reason: "备案") { code } }',
    );
    for (const [key, creditCode] of Object.entries(QY)) {
      if (key === 'unregistered') continue;
      const input = {
        creditCode,
        name: key === 'main' ? '濮阳县龙丰纸业' : `测试企业-${key}`,
        sizeClass: key === 'large' ? 'LARGE' : key === 'cap' ? 'MICRO' : 'SMALL',
      };
      await ok('mutation($i: EnterpriseInput!) { registerEnterprise(input: $i, reason: "营业执照核验") { creditCode } }', { i: input });
    }
    await ok(
      'mutation { admitEvaluationInstitution(code: "PJ-LATE", name: "新评价站", effectiveOn: "2025-07-01", reason: "备案") { code } }',
    );
    // Nothing is paid beyond an allocation: fund the programme-years these tests pay from.
    for (const programme of ['EVALUATION', 'HIRING', 'REFERRAL']) {
      for (const year of [2023, 2024, 2025, 2026])
        await ok(
          `mutation { recordFundAllocation(programme: ${programme}, year: ${year}, amountFen: 100000000, why: "测试拨付") { inFen } }`,
        );
    }
  }, 180_000);

  afterAll(() => hub?.stop());

  describe('evaluation subsidies', () => {
    it('seeds the per-certificate amounts from plan-targets.json as fen with effective dates', async () => {
      const rules = (
        await ok('{ financeSubsidyRules(programme: EVALUATION, asOf: "2025-06-01") { key amountFen months validFrom validTo clause } }')
      ).financeSubsidyRules;
      const amounts = planTargets().subsidiesYuan.evaluationPerCertificate.amounts;
      expect(Object.fromEntries(rules.map((r: { key: string; amountFen: number }) => [r.key, r.amountFen]))).toEqual(
        Object.fromEntries(Object.entries(amounts).map(([k, yuan]) => [k, yuan * 100])),
      );
      expect(rules.find((r: { key: string }) => r.key === 'LEVEL_4')).toMatchObject({
        amountFen: 24000,
        validFrom: '2022-01-01',
        validTo: null,
        clause: '4',
      });
      expect((await ok('{ financeSubsidyRules(programme: EVALUATION, asOf: "2021-12-31") { key } }')).financeSubsidyRules).toEqual([]);
    });

    it('pays an institution on the catalogue the amount for the level and writes the payment to the ledger with who and why', async () => {
      const person = newPerson('钱评价');
      const certificate = (await certify(person, 'SUB-EVAL-1')).recordHrssCertificate.id;
      await sync();
      const before = (await totals('EVALUATION', 2025)) ?? { outFen: 0, entries: 0 };
      const res = await hub.queryAs(financeStaff, EVALUATION_CLAIM, {
        i: { institutionCode: 'pj-01', idNumber: person.idNumber, occupation: '焊工', level: 'LEVEL_4', evaluatedOn: '2025-06-01' },
      });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.claimEvaluationSubsidy).toMatchObject({
        amountFen: 24000,
        institutionCode: 'PJ-01',
        level: 'LEVEL_4',
        occupation: { code: WELDER },
        certificate: { department: 'HRSS', certificateId: certificate },
        claimedBy: 'finance-clerk',
      });
      const after = await totals('EVALUATION', 2025);
      expect(after.outFen - before.outFen).toBe(24000);
      expect(after.entries - before.entries).toBe(1);
      const entries = (
        await ok(
          '{ financeFundEntries(programme: EVALUATION, year: 2025, first: 100) { nodes { amountFen direction payee who role why reference } } }',
        )
      ).financeFundEntries.nodes;
      expect(entries.at(-1)).toMatchObject({
        amountFen: 24000,
        direction: 'OUT',
        payee: 'PJ-01',
        who: 'finance-clerk',
        role: 'DEPARTMENT_STAFF',
        reference: `evaluation_claim:${res.body.data.claimEvaluationSubsidy.id}`,
      });
      expect(entries.at(-1).why).toContain(WELDER);
    });

    it('pays 100 yuan for a 专项职业能力 certificate (no level)', async () => {
      const person = newPerson('孙专项');
      await certify(person, 'SUB-SPECIAL-1', { kind: 'SPECIAL_ABILITY', level: null });
      await sync();
      const res = await claimEvaluation(person, { level: null });
      expect(res.errors).toBeUndefined();
      expect(res.data.claimEvaluationSubsidy).toMatchObject({ amountFen: 10000, level: null });
    });

    it('refuses a second claim for the same person, occupation and level with DUPLICATE_CLAIM, even from another institution', async () => {
      const person = newPerson('李重复');
      await certify(person, 'SUB-DUP-1');
      await sync();
      expect((await claimEvaluation(person)).errors).toBeUndefined();
      const before = await totals('EVALUATION', 2025);
      const again = await claimEvaluation(person, { institutionCode: 'PJ-02' });
      expect(code(again)).toBe('BAD_USER_INPUT');
      expect(reason(again)).toBe('DUPLICATE_CLAIM');
      expect(again.errors?.[0].message).toContain('不得重复申领');
      expect(await totals('EVALUATION', 2025)).toEqual(before);
    });

    it('lets exactly one of 20 simultaneous claims for the same person, occupation and level through', async () => {
      const person = newPerson('周并发');
      await certify(person, 'SUB-RACE-1');
      await sync();
      const before = await totals('EVALUATION', 2025);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => claimEvaluation(person, { institutionCode: i % 2 ? 'PJ-01' : 'PJ-02' })),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      for (const failed of results.filter((r) => r.errors))
        expect([reason(failed), failed.errors?.[0].message]).toEqual(['DUPLICATE_CLAIM', expect.any(String)]);
      const after = await totals('EVALUATION', 2025);
      expect(after.outFen - before.outFen).toBe(24000);
      expect(after.entries - before.entries).toBe(1);
      const claims = (
        await ok('query($id: String) { financeEvaluationSubsidyClaims(idNumber: $id) { totalCount } }', { id: person.idNumber })
      ).financeEvaluationSubsidyClaims;
      expect(claims.totalCount).toBe(1);
    });

    it('refuses an institution that is not on the catalogue on the evaluation date', async () => {
      const person = newPerson('吴目录');
      await certify(person, 'SUB-CATALOGUE-1');
      await sync();
      expect(reason(await claimEvaluation(person, { institutionCode: 'PJ-LATE' }))).toBe('NOT_ON_CATALOGUE');
      expect(reason(await claimEvaluation(person, { institutionCode: 'PJ-UNKNOWN' }))).toBe('NOT_ON_CATALOGUE');
      await ok('mutation { suspendEvaluationInstitution(code: "PJ-02", effectiveOn: "2025-09-01", reason: "督查整改") { code } }');
      // Suspended after the evaluation: the evaluation still counts.
      expect((await claimEvaluation(person, { institutionCode: 'PJ-02' })).errors).toBeUndefined();
    });

    it('refuses a claim without a matching certificate in the county holder index', async () => {
      const person = newPerson('郑无证');
      expect(reason(await claimEvaluation(person))).toBe('NO_CERTIFICATE');
      await certify(person, 'SUB-NOCERT-1', { level: 'LEVEL_5' });
      await sync();
      expect(reason(await claimEvaluation(person))).toBe('NO_CERTIFICATE');
      expect(reason(await claimEvaluation(person, { evaluatedOn: '2025-07-01', level: 'LEVEL_5' }))).toBe('NO_CERTIFICATE');
      expect((await claimEvaluation(person, { level: 'LEVEL_5' })).data.claimEvaluationSubsidy.amountFen).toBe(20000);
    });

    it('applies the rate in force on the evaluation date after a rate change, and refuses an overlapping change', async () => {
      const changed = await hub.queryAs(
        financeStaff,
        'mutation($i: FinanceSubsidyRuleInput!) { setSubsidyRule(input: $i) { key amountFen validFrom validTo createdBy note } }',
        {
          i: { programme: 'EVALUATION', key: 'LEVEL_3', amountFen: 30000, validFrom: '2026-01-01', note: '濮人社〔2025〕99号' },
        },
      );
      expect(changed.body.errors).toBeUndefined();
      expect(changed.body.data.setSubsidyRule).toMatchObject({
        amountFen: 30000,
        validFrom: '2026-01-01',
        validTo: null,
        createdBy: 'finance-clerk (DEPARTMENT_STAFF)',
      });
      const history = (
        await ok('{ financeSubsidyRules(programme: EVALUATION) { key amountFen validFrom validTo } }')
      ).financeSubsidyRules.filter((r: { key: string }) => r.key === 'LEVEL_3');
      expect(history).toEqual([
        { key: 'LEVEL_3', amountFen: 28000, validFrom: '2022-01-01', validTo: '2025-12-31' },
        { key: 'LEVEL_3', amountFen: 30000, validFrom: '2026-01-01', validTo: null },
      ]);
      const early = newPerson('冯旧标准');
      const late = newPerson('陈新标准');
      await certify(early, 'SUB-RATE-1', { level: 'LEVEL_3' });
      await certify(late, 'SUB-RATE-2', { level: 'LEVEL_3', issuedOn: '2026-02-10' });
      await sync();
      expect((await claimEvaluation(early, { level: 'LEVEL_3', evaluatedOn: '2025-06-01' })).data.claimEvaluationSubsidy.amountFen).toBe(
        28000,
      );
      expect((await claimEvaluation(late, { level: 'LEVEL_3', evaluatedOn: '2026-02-01' })).data.claimEvaluationSubsidy.amountFen).toBe(
        30000,
      );
      const overlap = await hub.query('mutation($i: FinanceSubsidyRuleInput!) { setSubsidyRule(input: $i) { id } }', {
        i: { programme: 'EVALUATION', key: 'LEVEL_3', amountFen: 1, validFrom: '2025-06-01', note: '错误' },
      });
      expect(reason(overlap)).toBe('RULE_OVERLAP');
      const wrongUnit = await hub.query('mutation($i: FinanceSubsidyRuleInput!) { setSubsidyRule(input: $i) { id } }', {
        i: { programme: 'EVALUATION', key: 'MIN_INSURED_MONTHS', months: 3, validFrom: '2027-01-01', note: '错误' },
      });
      expect(reason(wrongUnit)).toBe('UNKNOWN_RULE');
    });
  });

  describe('hiring and referral subsidies', () => {
    it('seeds 1,000 yuan per person and a cumulative 2,000,000 yuan cap per employer from plan-targets.json', async () => {
      const rules = (await ok('{ financeSubsidyRules(programme: HIRING, asOf: "2023-06-01") { key amountFen months } }'))
        .financeSubsidyRules;
      const hiringPlan = planTargets().subsidiesYuan.employerHiring;
      expect(rules).toEqual(
        expect.arrayContaining([
          { key: 'PER_PERSON', amountFen: hiringPlan.perPerson * 100, months: null },
          { key: 'CAP_PER_EMPLOYER', amountFen: hiringPlan.capPerEmployer * 100, months: null },
          { key: 'MIN_EMPLOYED_MONTHS', amountFen: null, months: 12 },
        ]),
      );
    });

    it('pays an SME 1,000 yuan for a certified person employed and insured for a year, once', async () => {
      const person = newPerson('王吸纳');
      await certify(person, 'SUB-HIRE-1', { issuedOn: '2022-05-01' });
      await sync();
      const res = await hiring(person);
      expect(res.errors).toBeUndefined();
      expect(res.data.claimHiringSubsidy).toMatchObject({
        amountFen: 100000,
        year: 2023,
        claimantCode: QY.main,
        certificate: { department: 'HRSS' },
      });
      const total = (
        await ok(`{ financeEmployerHiringTotal(employerCode: "${QY.main}", year: 2023) { totalFen capFen remainingFen claims } }`)
      ).financeEmployerHiringTotal;
      expect(total).toEqual({ totalFen: 100000, capFen: 200000000, remainingFen: 199900000, claims: 1 });
      expect(reason(await hiring(person))).toBe('DUPLICATE_CLAIM');
    });

    it.each([
      [
        'an enterprise the register says is large, whatever the claimant declares',
        { employerCode: QY.large, smallOrMediumEnterprise: true },
        'NOT_SME',
      ],
      ['an employer not on the enterprise register', { employerCode: QY.unregistered }, 'ENTERPRISE_NOT_REGISTERED'],
      ['an employer code that is not a valid 统一社会信用代码', { employerCode: 'QY-001' }, 'BAD_CREDIT_CODE'],
      ['less than a year of employment', { employedThrough: '2024-02-28', insuredMonths: 11 }, 'EMPLOYMENT_TOO_SHORT'],
      ['less than a year of insurance', { insuredMonths: 10 }, 'INSURANCE_TOO_SHORT'],
      ['more insured months than months employed', { insuredMonths: 30 }, 'BAD_INSURED_MONTHS'],
      ['a hire before the plan’s rules took effect', { hiredOn: '2021-03-01', employedThrough: '2022-03-01' }, 'NO_RULE'],
      ['a hire date in the future', { hiredOn: '2099-01-01', employedThrough: '2099-06-01' }, 'FUTURE_DATE'],
    ])('refuses a hiring claim for %s', async (_name, change, expected) => {
      const person = newPerson('条件');
      await certify(person, `SUB-COND-${sequence}`, { issuedOn: '2020-05-01' });
      await sync();
      const res = await hiring(person, { employerCode: QY.cond, ...change });
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(reason(res)).toBe(expected);
    });

    it('pays a registered SME even when the claimant declares it is not one: the register decides, under its registered name', async () => {
      const person = newPerson('钱登记');
      await certify(person, 'SUB-REGISTER-1', { issuedOn: '2020-05-01' });
      await sync();
      const typed = ` ${QY.other.toLowerCase()} `;
      const res = await hub.query(HIRING_CLAIM.replace('claimantCode', 'claimantCode claimantName'), {
        i: {
          employerCode: typed,
          employerName: '别名',
          smallOrMediumEnterprise: false,
          idNumber: person.idNumber,
          hiredOn: '2023-03-01',
          employedThrough: '2024-03-01',
          insuredMonths: 12,
        },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.claimHiringSubsidy).toMatchObject({ claimantCode: QY.other, claimantName: '测试企业-other' });
    });

    it('refuses a hiring claim for a person who held no certificate on the hire date', async () => {
      const person = newPerson('赵后取证');
      await certify(person, 'SUB-AFTER-HIRE-1', { issuedOn: '2023-06-01' });
      await sync();
      const res = await hiring(person, { employerCode: QY.late });
      expect(reason(res)).toBe('NO_CERTIFICATE_AT_HIRE');
      expect(res.errors?.[0].message).toContain('2023-03-01');
    });

    it('never lets 20 simultaneous claims push an employer past its cumulative cap, and counts every year toward it', async () => {
      // A 5,000-yuan cap from 2024 hires on: the employer's 2023 hire (1,000 yuan) counts toward it too.
      await ok('mutation($i: FinanceSubsidyRuleInput!) { setSubsidyRule(input: $i) { id } }', {
        i: { programme: 'HIRING', key: 'CAP_PER_EMPLOYER', amountFen: 500000, validFrom: '2024-01-01', note: '测试：压减累计限额' },
      });
      const earlier = newPerson('往年');
      await certify(earlier, 'SUB-CAP-EARLIER', { issuedOn: '2022-01-10' });
      const people = Array.from({ length: 20 }, (_, i) => newPerson(`封顶${i}`));
      for (const [i, person] of people.entries()) await certify(person, `SUB-CAP-${i}`, { issuedOn: '2023-01-10' });
      await sync();
      expect((await hiring(earlier, { employerCode: QY.cap })).errors).toBeUndefined();
      const results = await Promise.all(
        people.map((person) =>
          hiring(person, { employerCode: QY.cap, hiredOn: '2024-03-01', employedThrough: '2025-03-01', insuredMonths: 12 }),
        ),
      );
      const paid = results.filter((r) => !r.errors);
      expect(paid).toHaveLength(4);
      for (const refused of results.filter((r) => r.errors)) {
        expect(reason(refused)).toBe('CAP_REACHED');
        expect(refused.errors?.[0].message).toContain('累计最高 5,000.00 元');
      }
      const total = (
        await ok(`{ financeEmployerHiringTotal(employerCode: "${QY.cap}", year: 2024) { totalFen capFen remainingFen claims } }`)
      ).financeEmployerHiringTotal;
      expect(total).toEqual({ totalFen: 500000, capFen: 500000, remainingFen: 0, claims: 5 });
      const claims = (await ok(`{ financeEmploymentSubsidyClaims(programme: HIRING, claimantCode: "${QY.cap}") { totalCount } }`))
        .financeEmploymentSubsidyClaims;
      expect(claims.totalCount).toBe(5);
      // A new year does not reset the cap: the employer's 2025 hires are refused too.
      const next = newPerson('次年');
      await certify(next, 'SUB-CAP-NEXT', { issuedOn: '2023-01-10' });
      await sync();
      expect(
        reason(await hiring(next, { employerCode: QY.cap, hiredOn: '2025-01-15', employedThrough: '2026-01-15', insuredMonths: 12 })),
      ).toBe('CAP_REACHED');
      // Another employer is not affected.
      expect(
        (await hiring(next, { employerCode: QY.other, hiredOn: '2025-01-15', employedThrough: '2026-01-15', insuredMonths: 12 })).errors,
      ).toBeUndefined();
    });

    it('refuses the retired per-year cap key', async () => {
      const res = await hub.query('mutation($i: FinanceSubsidyRuleInput!) { setSubsidyRule(input: $i) { id } }', {
        i: { programme: 'HIRING', key: 'CAP_PER_EMPLOYER_YEAR', amountFen: 500000, validFrom: '2030-01-01', note: '旧的按年限额' },
      });
      expect(reason(res)).toBe('UNKNOWN_RULE');
    });

    it('pays an agency 300 yuan for placing a certified person for six months with insurance, and refuses five months', async () => {
      const person = newPerson('钟介绍');
      await certify(person, 'SUB-REF-1', { issuedOn: '2022-01-10' });
      await sync();
      const input = {
        agencyCode: 'HR-01',
        agencyName: '濮阳县人力资源服务公司',
        employerName: '濮阳惠成电子材料',
        idNumber: person.idNumber,
        hiredOn: '2024-01-15',
      };
      const short = await hub.query(REFERRAL_CLAIM, { i: { ...input, employedThrough: '2024-07-14', insuredMonths: 6 } });
      expect(reason(short)).toBe('EMPLOYMENT_TOO_SHORT');
      const fewInsured = await hub.query(REFERRAL_CLAIM, { i: { ...input, employedThrough: '2024-07-15', insuredMonths: 5 } });
      expect(reason(fewInsured)).toBe('INSURANCE_TOO_SHORT');
      const paid = await hub.query(REFERRAL_CLAIM, { i: { ...input, employedThrough: '2024-07-15', insuredMonths: 6 } });
      expect(paid.errors).toBeUndefined();
      expect(paid.data.claimReferralSubsidy).toEqual({ id: expect.any(String), amountFen: 30000, year: 2024, programme: 'REFERRAL' });
    });
  });

  describe('the fund ledger', () => {
    it('totals money in and out per programme and year, with allocations recorded with who and why', async () => {
      const before = (await totals('REFERRAL', 2024)) ?? { inFen: 0, outFen: 0, entries: 0 };
      const allocated = await hub.queryAs(
        financeStaff,
        'mutation { recordFundAllocation(programme: REFERRAL, year: 2024, amountFen: 1000000, why: "就业补助资金 2024 年第一批") { inFen outFen balanceFen } }',
      );
      expect(allocated.body.errors).toBeUndefined();
      expect(allocated.body.data.recordFundAllocation.inFen - before.inFen).toBe(1000000);
      const after = await totals('REFERRAL', 2024);
      expect(after.balanceFen).toBe(after.inFen - after.outFen);
      const entries = (
        await ok('{ financeFundEntries(programme: REFERRAL, year: 2024, first: 100) { nodes { direction amountFen who why } } }')
      ).financeFundEntries.nodes;
      expect(entries).toContainEqual({ direction: 'IN', amountFen: 1000000, who: 'finance-clerk', why: '就业补助资金 2024 年第一批' });
      expect(
        reason(await hub.query('mutation { recordFundAllocation(programme: REFERRAL, year: 2024, amountFen: -5, why: "x") { inFen } }')),
      ).toBe('BAD_AMOUNT');
    });

    it('refuses a payment its programme-year’s allocation does not cover, and lets exactly one of two concurrent claims spend the last of it', async () => {
      const people = [newPerson('资金甲'), newPerson('资金乙'), newPerson('资金丙')];
      for (const [i, person] of people.entries()) await certify(person, `SUB-FUND-${i}`, { issuedOn: '2021-06-01' });
      await sync();
      const referral = (person: { idNumber: string }) =>
        hub.query(REFERRAL_CLAIM, {
          i: {
            agencyCode: 'HR-FUND',
            agencyName: '濮阳县人力资源服务公司',
            employerName: '濮阳县龙丰纸业',
            idNumber: person.idNumber,
            hiredOn: '2022-03-01',
            employedThrough: '2022-09-01',
            insuredMonths: 6,
          },
        });
      // 2022 has no allocation at all.
      const refused = await referral(people[0]);
      expect(code(refused)).toBe('BAD_USER_INPUT');
      expect(reason(refused)).toBe('FUND_EXHAUSTED');
      expect(refused.errors?.[0].message).toContain('职业介绍补贴 2022 年度资金不足');
      expect(refused.errors?.[0].message).toContain('余额 0.00 元');
      expect(
        (await ok('{ financeEmploymentSubsidyClaims(programme: REFERRAL, claimantCode: "HR-FUND") { totalCount } }'))
          .financeEmploymentSubsidyClaims.totalCount,
      ).toBe(0);

      // 400 yuan covers one 300-yuan payment, not two.
      await ok('mutation { recordFundAllocation(programme: REFERRAL, year: 2022, amountFen: 40000, why: "测试：只够一笔") { inFen } }');
      const [first, second] = await Promise.all([referral(people[1]), referral(people[2])]);
      const outcomes = [first, second].map((r) => (r.errors ? reason(r) : 'PAID')).sort();
      expect(outcomes).toEqual(['FUND_EXHAUSTED', 'PAID']);
      expect(await totals('REFERRAL', 2022)).toMatchObject({ inFen: 40000, outFen: 30000, balanceFen: 10000, entries: 2 });
      expect(
        (await ok('{ financeEmploymentSubsidyClaims(programme: REFERRAL, claimantCode: "HR-FUND") { totalCount } }'))
          .financeEmploymentSubsidyClaims.totalCount,
      ).toBe(1);
    });

    it('lets analysts read totals but not claims or entries, and only the county administrator and 财政局 staff pay', async () => {
      expect((await hub.queryAs(analyst, '{ financeFundTotals { programme year outFen } }')).body.errors).toBeUndefined();
      // An employer's hires are persons: an analyst gets them through the cell-key method, never as 1–4, the amount following them.
      const exact = (await ok(`{ financeEmployerHiringTotal(employerCode: "${QY.main}", year: 2023) { totalFen claims } }`))
        .financeEmployerHiringTotal;
      expect(exact.claims).toBeGreaterThanOrEqual(1);
      expect(exact.claims).toBeLessThan(5);
      const published = (
        await hub.queryAs(analyst, `{ financeEmployerHiringTotal(employerCode: "${QY.main}", year: 2023) { totalFen claims } }`)
      ).body.data.financeEmployerHiringTotal;
      expect([0, 5]).toContain(published.claims);
      expect(published.totalFen).toBe(Math.round((exact.totalFen * published.claims) / exact.claims));
      expect(code((await hub.queryAs(analyst, '{ financeFundEntries { totalCount } }')).body)).toBe('FORBIDDEN');
      expect(code((await hub.queryAs(analyst, '{ financeEvaluationSubsidyClaims { totalCount } }')).body)).toBe('FORBIDDEN');
      const person = newPerson('越权');
      const byEducation = await hub.queryAs(educationStaff, EVALUATION_CLAIM, {
        i: { institutionCode: 'PJ-01', idNumber: person.idNumber, occupation: WELDER, level: 'LEVEL_4', evaluatedOn: '2025-06-01' },
      });
      expect(code(byEducation.body)).toBe('FORBIDDEN');
      const rule = await hub.queryAs(analyst, 'mutation($i: FinanceSubsidyRuleInput!) { setSubsidyRule(input: $i) { id } }', {
        i: { programme: 'REFERRAL', key: 'PER_PERSON', amountFen: 1, validFrom: '2030-01-01', note: 'x' },
      });
      expect(code(rule.body)).toBe('FORBIDDEN');
    });

    it('refuses to pay, and writes nothing, while hrss cannot be asked about the catalogue and certificates', async () => {
      const person = newPerson('停机');
      await certify(person, 'SUB-DOWN-1');
      await sync();
      const before = await totals('EVALUATION', 2025);
      await hub.takeDown('hrss');
      try {
        const res = await hub.querySubgraph('finance', EVALUATION_CLAIM, {
          i: { institutionCode: 'PJ-01', idNumber: person.idNumber, occupation: WELDER, level: 'LEVEL_4', evaluatedOn: '2025-06-01' },
        });
        expect(res.body.errors?.[0].extensions?.code).toBe('DEPARTMENT_UNAVAILABLE');
        expect(res.body.errors?.[0].message).toContain('人社局');
      } finally {
        await hub.bringUp('hrss');
      }
      expect(await totals('EVALUATION', 2025)).toEqual(before);
      expect((await claimEvaluation(person)).errors).toBeUndefined();
    });

    it("refuses a hiring subsidy, and writes nothing, while hrss cannot say the employer's size class", async () => {
      const person = newPerson('停机吸纳');
      await certify(person, 'SUB-DOWN-HIRE-1', { issuedOn: '2020-05-01' });
      await sync();
      const before = await totals('HIRING', 2023);
      await hub.takeDown('hrss');
      try {
        const input = {
          employerCode: QY.other,
          employerName: '测试企业-other',
          idNumber: person.idNumber,
          hiredOn: '2023-03-01',
          employedThrough: '2024-03-01',
          insuredMonths: 12,
        };
        const res = await hub.querySubgraph('finance', HIRING_CLAIM, { i: input });
        expect(res.body.errors?.[0].extensions?.code).toBe('DEPARTMENT_UNAVAILABLE');
        expect(res.body.errors?.[0].message).toContain('企业名录');
      } finally {
        await hub.bringUp('hrss');
      }
      expect(await totals('HIRING', 2023)).toEqual(before);
      expect((await hiring(person, { employerCode: QY.other })).errors).toBeUndefined();
    });
  });
});
