import { makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';

const WELDER = '6-18-02-04';
const ELECTRICIAN = '6-31-01-03';
const staff: Principal = { subject: 'voucher-clerk', role: 'DEPARTMENT_STAFF', department: 'HRSS' };
const educationStaff: Principal = { subject: 'edu-clerk', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };

const VOUCHER = `voucherNo state version faceValueFen issuedOn trainingProvider trainingProgramme trainedOn evaluationInstitutionCode evaluatedOn
  certifiedOn redeemedOn redeemedFen person { id } occupation { code }
  certificate { department certificateId level issuedOn }
  events { step fromState toState actor actorRole details }`;

let sequence = 100;
/** A fresh, valid ID number for each person of these tests. */
function newPerson(name: string) {
  return { idNumber: makeIdNumber('410928', '1992-05-17', sequence++), name, township: '柳屯镇' };
}

describe('training vouchers (plan 16): 发券—培训—评价—持证—兑现', () => {
  let hub: TestHub;

  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const sync = () => ok('mutation { syncHolderIndex { department lastError } }');
  const issue = (person: { idNumber: string; name: string }, extra: Record<string, unknown> = {}) =>
    hub.query(`mutation($i: IssueTrainingVoucherInput!) { issueTrainingVoucher(input: $i) { ${VOUCHER} } }`, {
      i: { ...person, occupation: WELDER, faceValueFen: 150000, issuedOn: '2025-03-01', ...extra },
    });
  const recordTraining = (person: { idNumber: string; name: string }, outcome: string, extra: Record<string, unknown> = {}) =>
    ok('mutation($i: HrssTrainingInput!) { recordHrssTraining(input: $i) { id } }', {
      i: {
        ...person,
        programme: '焊工技能提升培训',
        occupation: WELDER,
        channel: 'ENTERPRISE',
        targetGroup: 'EMPLOYEE',
        provider: '濮阳县技工学校',
        startDate: '2025-03-10',
        endDate: outcome === 'COMPLETED' ? '2025-04-10' : null,
        outcome,
        ...extra,
      },
    });
  const recordCertificate = async (person: { idNumber: string; name: string }, number: string, extra: Record<string, unknown> = {}) =>
    (
      await ok('mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { id } }', {
        i: {
          ...person,
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_4',
          occupation: WELDER,
          certificateNumber: number,
          issuingBody: '濮阳县职业技能鉴定中心',
          issuedOn: '2025-05-01',
          ...extra,
        },
      })
    ).recordHrssCertificate.id as string;
  const register = (voucherNo: string, idNumber: string) =>
    hub.query(
      `mutation($v: String!, $id: String!) { registerTrainingVoucher(voucherNo: $v, idNumber: $id, programme: "焊工技能提升培训", startDate: "2025-03-10") { ${VOUCHER} } }`,
      {
        v: voucherNo,
        id: idNumber,
      },
    );
  const complete = (voucherNo: string) =>
    hub.query(`mutation($v: String!) { completeVoucherTraining(voucherNo: $v) { ${VOUCHER} } }`, { v: voucherNo });
  const evaluate = (voucherNo: string, institutionCode = 'PJ-HG-01', evaluatedOn = '2025-04-20', passed = true) =>
    hub.query(
      `mutation($v: String!, $c: String!, $d: Date!, $p: Boolean!) { evaluateTrainingVoucher(voucherNo: $v, institutionCode: $c, evaluatedOn: $d, passed: $p) { ${VOUCHER} } }`,
      {
        v: voucherNo,
        c: institutionCode,
        d: evaluatedOn,
        p: passed,
      },
    );
  const certify = (voucherNo: string, certificate?: { department: string; certificateId: string }, certifiedOn = '2025-05-05') =>
    hub.query(
      `mutation($v: String!, $c: CertificateRefInput, $d: Date) { certifyTrainingVoucher(voucherNo: $v, certificate: $c, certifiedOn: $d) { ${VOUCHER} } }`,
      {
        v: voucherNo,
        c: certificate ?? null,
        d: certifiedOn,
      },
    );
  const redeem = (voucherNo: string, idNumber: string, redeemedOn = '2025-05-10') =>
    hub.query(
      `mutation($v: String!, $id: String!, $d: Date) { redeemTrainingVoucher(voucherNo: $v, idNumber: $id, redeemedOn: $d) { ${VOUCHER} } }`,
      {
        v: voucherNo,
        id: idNumber,
        d: redeemedOn,
      },
    );
  const reason = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.reason;
  const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => res.errors?.[0]?.extensions?.code;

  /** A voucher taken up to EVALUATED, with a matching certificate in the holder index. */
  async function evaluatedVoucher(label: string) {
    const person = newPerson(label);
    const voucherNo = (await issue(person)).data.issueTrainingVoucher.voucherNo as string;
    await recordTraining(person, 'COMPLETED');
    for (const step of [() => register(voucherNo, person.idNumber), () => complete(voucherNo), () => evaluate(voucherNo)])
      expect((await step()).errors).toBeUndefined();
    return { person, voucherNo };
  }

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    await ok(
      'mutation { admitEvaluationInstitution(code: "PJ-HG-01", name: "濮阳县焊工评价站", effectiveOn: "2024-01-01", reason: "备案通过") { code } }',
    );
  }, 180_000);

  afterAll(() => hub?.stop());

  it('takes a voucher through 发券, 登记, 培训, 评价, 持证 and 兑现, recording who did each step', async () => {
    const person = newPerson('张焊工');
    const issued = await hub.queryAs(staff, `mutation($i: IssueTrainingVoucherInput!) { issueTrainingVoucher(input: $i) { ${VOUCHER} } }`, {
      i: { ...person, occupation: '焊工', faceValueFen: 150000, issuedOn: '2025-03-01' },
    });
    expect(issued.body.errors).toBeUndefined();
    const voucher = issued.body.data.issueTrainingVoucher;
    expect(voucher).toMatchObject({ state: 'ISSUED', faceValueFen: 150000, issuedOn: '2025-03-01', occupation: { code: WELDER } });
    expect(voucher.voucherNo).toMatch(/^PYV\d{8}$/);

    await recordTraining(person, 'IN_PROGRESS');
    expect((await register(voucher.voucherNo, person.idNumber)).data.registerTrainingVoucher).toMatchObject({
      state: 'REGISTERED',
      trainingProvider: '濮阳县技工学校',
    });
    const early = await complete(voucher.voucherNo);
    expect(reason(early)).toBe('TRAINING_NOT_COMPLETED');
    await recordTraining(person, 'COMPLETED');
    expect((await complete(voucher.voucherNo)).data.completeVoucherTraining).toMatchObject({ state: 'TRAINED', trainedOn: '2025-04-10' });
    expect((await evaluate(voucher.voucherNo)).data.evaluateTrainingVoucher).toMatchObject({
      state: 'EVALUATED',
      evaluationInstitutionCode: 'PJ-HG-01',
      evaluatedOn: '2025-04-20',
    });

    const noCertificateYet = await certify(voucher.voucherNo);
    expect(reason(noCertificateYet)).toBe('NO_CERTIFICATE');
    const certificateId = await recordCertificate(person, 'VOUCHER-LOOP-1');
    await sync();
    const certified = (await certify(voucher.voucherNo)).data.certifyTrainingVoucher;
    expect(certified).toMatchObject({
      state: 'CERTIFIED',
      certifiedOn: '2025-05-05',
      certificate: { department: 'HRSS', certificateId, level: 'LEVEL_4', issuedOn: '2025-05-01' },
    });
    expect(reason(await redeem(voucher.voucherNo, person.idNumber, '2025-05-04'))).toBe('REDEMPTION_BEFORE_CERTIFICATION');

    const redeemed = await hub.queryAs(
      staff,
      `mutation($v: String!, $id: String!) { redeemTrainingVoucher(voucherNo: $v, idNumber: $id, redeemedOn: "2025-05-10") { ${VOUCHER} } }`,
      {
        v: voucher.voucherNo,
        id: person.idNumber,
      },
    );
    expect(redeemed.body.errors).toBeUndefined();
    const done = redeemed.body.data.redeemTrainingVoucher;
    expect(done).toMatchObject({ state: 'REDEEMED', redeemedOn: '2025-05-10', redeemedFen: 150000 });
    expect(done.events.map((e: { step: string }) => e.step)).toEqual(['ISSUE', 'REGISTER', 'TRAIN', 'EVALUATE', 'CERTIFY', 'REDEEM']);
    expect(done.events.map((e: { toState: string }) => e.toState)).toEqual([
      'ISSUED',
      'REGISTERED',
      'TRAINED',
      'EVALUATED',
      'CERTIFIED',
      'REDEEMED',
    ]);
    expect(done.events[0]).toMatchObject({ actor: 'voucher-clerk', actorRole: 'DEPARTMENT_STAFF', fromState: null });
    expect(done.events[5]).toMatchObject({ actor: 'voucher-clerk', fromState: 'CERTIFIED' });
    expect(JSON.parse(done.events[5].details)).toMatchObject({
      amountFen: 150000,
      paidTo: '濮阳县技工学校',
      certificate: `HRSS/${certificateId}`,
    });
    expect(done.version).toBe(6);
  });

  it('refuses a second redemption with a clear error and leaves the voucher as it was', async () => {
    const { person, voucherNo } = await evaluatedVoucher('李二次');
    await recordCertificate(person, 'VOUCHER-TWICE-1');
    await sync();
    expect((await certify(voucherNo)).errors).toBeUndefined();
    expect((await redeem(voucherNo, person.idNumber)).errors).toBeUndefined();
    const again = await redeem(voucherNo, person.idNumber, '2025-06-01');
    expect(code(again)).toBe('BAD_USER_INPUT');
    expect(reason(again)).toBe('ALREADY_REDEEMED');
    expect(again.errors?.[0].message).toContain('不能重复兑现');
    expect(again.errors?.[0].message).toContain('2025-05-10');
    const after = (await ok(`{ trainingVoucher(voucherNo: "${voucherNo}") { ${VOUCHER} } }`)).trainingVoucher;
    expect(after).toMatchObject({ state: 'REDEEMED', redeemedOn: '2025-05-10', version: 6 });
    expect(after.events).toHaveLength(6);
  });

  it('returns the voucher unchanged when a step that already happened is repeated', async () => {
    const person = newPerson('王重复');
    const first = (await issue(person)).data.issueTrainingVoucher;
    const again = (await issue(person)).data.issueTrainingVoucher;
    expect(again).toEqual(first);
    await recordTraining(person, 'COMPLETED');
    const registered = (await register(first.voucherNo, person.idNumber)).data.registerTrainingVoucher;
    expect((await register(first.voucherNo, person.idNumber)).data.registerTrainingVoucher).toEqual(registered);
    await complete(first.voucherNo);
    const evaluated = (await evaluate(first.voucherNo)).data.evaluateTrainingVoucher;
    // Repeating an earlier step on a voucher that has moved on changes nothing either.
    expect((await register(first.voucherNo, person.idNumber)).data.registerTrainingVoucher).toEqual(evaluated);
    expect((await complete(first.voucherNo)).data.completeVoucherTraining).toEqual(evaluated);
    expect((await evaluate(first.voucherNo, 'PJ-HG-01', '2025-04-25')).data.evaluateTrainingVoucher).toEqual(evaluated);
    expect(evaluated.events).toHaveLength(4);
  });

  it.each([
    ['redeem an issued voucher', 'VOUCHER_NOT_CERTIFIED', (no: string, id: string) => redeem(no, id)],
    ['evaluate an issued voucher', 'VOUCHER_NOT_TRAINED', (no: string) => evaluate(no)],
    ['certify an issued voucher', 'VOUCHER_NOT_EVALUATED', (no: string) => certify(no)],
    ['complete training on an unregistered voucher', 'VOUCHER_NOT_REGISTERED', (no: string) => complete(no)],
  ])('refuses to %s with the step it needs first', async (_name, expected, step) => {
    const person = newPerson('顺序');
    const voucher = (await issue(person)).data.issueTrainingVoucher;
    const res = await step(voucher.voucherNo, person.idNumber);
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(reason(res)).toBe(expected);
    expect(res.errors?.[0].message).toMatch(/须先完成/);
    const after = (await ok(`{ trainingVoucher(voucherNo: "${voucher.voucherNo}") { state version } }`)).trainingVoucher;
    expect(after).toEqual({ state: 'ISSUED', version: 1 });
  });

  it('refuses a registration or a redemption that names another person (实名制、不得转让)', async () => {
    const { person, voucherNo } = await evaluatedVoucher('赵实名');
    const stranger = newPerson('钱他人');
    await recordCertificate(person, 'VOUCHER-REALNAME-1');
    await sync();
    await certify(voucherNo);
    const res = await redeem(voucherNo, stranger.idNumber);
    expect(reason(res)).toBe('NOT_TRANSFERABLE');
    expect(res.errors?.[0].message).toContain('不得转让');
    const other = (await issue(newPerson('孙另券'))).data.issueTrainingVoucher;
    expect(reason(await register(other.voucherNo, person.idNumber))).toBe('NOT_TRANSFERABLE');
    const after = (await ok(`{ trainingVoucher(voucherNo: "${voucherNo}") { state person { id } } }`)).trainingVoucher;
    expect(after.state).toBe('CERTIFIED');
  });

  it('accepts only a certificate of the holder, for the voucher’s occupation, issued on or after the voucher, and valid (无证无价)', async () => {
    const { person, voucherNo } = await evaluatedVoucher('周核证');
    const other = newPerson('吴别人');
    const othersCertificate = await recordCertificate(other, 'VOUCHER-OTHER-1');
    const wrongOccupation = await recordCertificate(person, 'VOUCHER-ELEC-1', { occupation: ELECTRICIAN });
    const beforeVoucher = await recordCertificate(person, 'VOUCHER-OLD-1', { issuedOn: '2024-12-01' });
    const revoked = await recordCertificate(person, 'VOUCHER-REVOKED-1');
    await ok(
      'mutation { revokeHrssCertificate(certificateNumber: "VOUCHER-REVOKED-1", revokedOn: "2025-05-03", reason: "考试作弊") { id } }',
    );
    await sync();
    const ref = (certificateId: string) => ({ department: 'HRSS', certificateId });
    expect(reason(await certify(voucherNo, ref('999999')))).toBe('NO_CERTIFICATE');
    expect(reason(await certify(voucherNo, ref(othersCertificate)))).toBe('CERTIFICATE_OTHER_PERSON');
    expect(reason(await certify(voucherNo, ref(wrongOccupation)))).toBe('CERTIFICATE_OCCUPATION_MISMATCH');
    expect(reason(await certify(voucherNo, ref(beforeVoucher)))).toBe('CERTIFICATE_BEFORE_VOUCHER');
    expect(reason(await certify(voucherNo, ref(revoked)))).toBe('CERTIFICATE_NOT_VALID');
    expect((await ok(`{ trainingVoucher(voucherNo: "${voucherNo}") { state } }`)).trainingVoucher.state).toBe('EVALUATED');
    const good = await recordCertificate(person, 'VOUCHER-GOOD-1');
    await sync();
    expect((await certify(voucherNo, ref(good))).data.certifyTrainingVoucher.certificate.certificateId).toBe(good);
  });

  it('accepts a matching certificate recorded by another department, found through the county holder index', async () => {
    const { person, voucherNo } = await evaluatedVoucher('郑教育');
    const recorded = await ok('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        ...person,
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_3',
        occupation: WELDER,
        certificateNumber: 'VOUCHER-EDU-1',
        issuingBody: '职教中心评价站',
        issuedOn: '2025-05-02',
      },
    });
    await sync();
    const certified = (await certify(voucherNo)).data.certifyTrainingVoucher;
    expect(certified.certificate).toMatchObject({
      department: 'EDUCATION',
      certificateId: recorded.recordEducationCertificate.id,
      level: 'LEVEL_3',
    });
  });

  it('refuses redemption when the linked certificate no longer counts on the redemption date', async () => {
    const { person, voucherNo } = await evaluatedVoucher('冯撤证');
    await recordCertificate(person, 'VOUCHER-LATE-REVOKE-1');
    await sync();
    expect((await certify(voucherNo)).errors).toBeUndefined();
    await ok(
      'mutation { revokeHrssCertificate(certificateNumber: "VOUCHER-LATE-REVOKE-1", revokedOn: "2025-05-08", reason: "证书信息有误") { id } }',
    );
    await sync();
    const res = await redeem(voucherNo, person.idNumber, '2025-05-10');
    expect(reason(res)).toBe('CERTIFICATE_NOT_VALID');
    expect(res.errors?.[0].message).toContain('2025-05-08');
    expect((await ok(`{ trainingVoucher(voucherNo: "${voucherNo}") { state redeemedOn } }`)).trainingVoucher).toEqual({
      state: 'CERTIFIED',
      redeemedOn: null,
    });
  });

  it('refuses an evaluation by an institution that is not on the catalogue on the evaluation date, and records a failed one without moving on', async () => {
    await ok(
      'mutation { admitEvaluationInstitution(code: "PJ-SUSP-01", name: "暂停评价站", effectiveOn: "2024-01-01", reason: "备案通过") { code } }',
    );
    await ok('mutation { suspendEvaluationInstitution(code: "PJ-SUSP-01", effectiveOn: "2025-04-01", reason: "质量督查不合格") { code } }');
    const person = newPerson('陈评价');
    const voucherNo = (await issue(person)).data.issueTrainingVoucher.voucherNo;
    await recordTraining(person, 'COMPLETED');
    await register(voucherNo, person.idNumber);
    await complete(voucherNo);
    expect(reason(await evaluate(voucherNo, 'PJ-SUSP-01', '2025-04-20'))).toBe('INSTITUTION_NOT_ON_CATALOGUE');
    expect(reason(await evaluate(voucherNo, 'PJ-NONE', '2025-04-20'))).toBe('INSTITUTION_NOT_ON_CATALOGUE');
    expect(reason(await evaluate(voucherNo, 'PJ-HG-01', '2025-04-01'))).toBe('EVALUATION_BEFORE_TRAINING');
    const failed = (await evaluate(voucherNo, 'PJ-HG-01', '2025-04-20', false)).data.evaluateTrainingVoucher;
    expect(failed.state).toBe('TRAINED');
    expect(failed.events.at(-1)).toMatchObject({ step: 'EVALUATION_FAILED', fromState: 'TRAINED', toState: 'TRAINED' });
    expect((await evaluate(voucherNo, 'PJ-HG-01', '2025-05-20')).data.evaluateTrainingVoucher.state).toBe('EVALUATED');
  });

  it('refuses a registration against a training that hrss has not recorded, or of another occupation', async () => {
    const person = newPerson('褚培训');
    const voucherNo = (await issue(person)).data.issueTrainingVoucher.voucherNo;
    expect(reason(await register(voucherNo, person.idNumber))).toBe('TRAINING_NOT_FOUND');
    await recordTraining(person, 'COMPLETED', { occupation: ELECTRICIAN });
    expect(reason(await register(voucherNo, person.idNumber))).toBe('TRAINING_OCCUPATION_MISMATCH');
  });

  it('refuses a bad voucher number, a zero face value and an unknown occupation', async () => {
    expect(reason(await redeem('ABC', newPerson('x').idNumber))).toBe('BAD_VOUCHER_NO');
    expect(reason(await issue(newPerson('零元'), { faceValueFen: 0 }))).toBe('BAD_AMOUNT');
    expect(reason(await issue(newPerson('无职业'), { occupation: '不存在的工种' }))).toBe('UNKNOWN_OCCUPATION');
    expect((await hub.query('{ trainingVoucher(voucherNo: "PYV99999999") { state } }')).data.trainingVoucher).toBeNull();
  });

  it('lets exactly one of 20 simultaneous redemptions of one voucher through the gateway succeed', async () => {
    const { person, voucherNo } = await evaluatedVoucher('蒋并发');
    await recordCertificate(person, 'VOUCHER-RACE-1');
    await sync();
    await certify(voucherNo);
    const results = await Promise.all(Array.from({ length: 20 }, () => redeem(voucherNo, person.idNumber)));
    const succeeded = results.filter((r) => !r.errors && r.data?.redeemTrainingVoucher?.state === 'REDEEMED');
    expect(succeeded).toHaveLength(1);
    for (const failed of results.filter((r) => r.errors)) expect(reason(failed)).toBe('ALREADY_REDEEMED');
    const after = (await ok(`{ trainingVoucher(voucherNo: "${voucherNo}") { state version events { step } } }`)).trainingVoucher;
    expect(after.state).toBe('REDEEMED');
    expect(after.events.filter((e: { step: string }) => e.step === 'REDEEM')).toHaveLength(1);
  });

  it('moves a voucher only from the state and version it was read at (the conditional UPDATE itself refuses a stale move)', async () => {
    const voucherNo = (await issue(newPerson('卫版本'))).data.issueTrainingVoucher.voucherNo as string;
    const { voucherRepository } = hub.hrss.services.programmes;
    const id = Number(voucherNo.slice(3));
    const stale = (await voucherRepository.byId(id))!;
    const move = () =>
      hub.hrss.repo.transaction((manager) => voucherRepository.transition(manager, stale.id, stale.state, stale.version, 'REGISTERED', {}));
    expect(await move()).toBe(true);
    expect(await move()).toBe(false);
    expect(await voucherRepository.byId(id)).toMatchObject({ state: 'REGISTERED', version: stale.version + 1 });
  });

  it('issues one voucher when the same person and occupation are issued 20 times at once', async () => {
    const person = newPerson('沈同时');
    const results = await Promise.all(Array.from({ length: 20 }, () => issue(person)));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data.issueTrainingVoucher.voucherNo)).size).toBe(1);
    const list = await ok('query($f: TrainingVoucherFilter) { trainingVouchers(filter: $f) { totalCount } }', {
      f: { idNumber: person.idNumber },
    });
    expect(list.trainingVouchers.totalCount).toBe(1);
  });

  it('lets only the county administrator and 人社局 staff issue vouchers, and keeps voucher records from analysts', async () => {
    const byEducation = await hub.queryAs(
      educationStaff,
      'mutation($i: IssueTrainingVoucherInput!) { issueTrainingVoucher(input: $i) { voucherNo } }',
      {
        i: { ...newPerson('韩越权'), occupation: WELDER, faceValueFen: 100 },
      },
    );
    expect(code(byEducation.body)).toBe('FORBIDDEN');
    const list = await hub.queryAs(analyst, '{ trainingVouchers { totalCount } }');
    expect(code(list.body)).toBe('FORBIDDEN');
    const summary = await hub.queryAs(analyst, '{ trainingVoucherSummary(year: 2025) { issued redeemedFen byState { state vouchers } } }');
    expect(summary.body.errors).toBeUndefined();
    expect(summary.body.data.trainingVoucherSummary.issued).toBeGreaterThan(5);
    expect(summary.body.data.trainingVoucherSummary.redeemedFen).toBeGreaterThanOrEqual(3 * 150000);
  });
});
