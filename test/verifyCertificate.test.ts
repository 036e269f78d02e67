import { makeIdNumber } from '@hub/identity';
import type { Principal } from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';

type Res = { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: any }; // eslint-disable-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc

const employer: Principal = { subject: 'hr-of-huicheng', role: 'EMPLOYER' };
const otherEmployer: Principal = { subject: 'hr-of-longfeng', role: 'EMPLOYER' };
const dashboard: Principal = { subject: 'public-session-1', role: 'DASHBOARD' };
const analyst: Principal = { subject: 'analyst', role: 'ANALYST' };

const CHECK = `query($n: String!, $name: String!) {
  verifyCertificate(certificateNumber: $n, name: $name) { status kind grade { code label } occupation { code name } issuingBody checkedOn } }`;

const PER_MINUTE = 6;
let sequence = 900;
const person = (name: string) => ({ idNumber: makeIdNumber('410928', '1990-03-03', sequence++), name, township: '城关镇' });

describe('证书查询 verifyCertificate', () => {
  let hub: TestHub;
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = (await hub.query(query, variables)) as Res;
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const check = async (who: Principal, n: string, name: string) => (await hub.queryAs(who, CHECK, { n, name })).body as Res;

  beforeAll(async () => {
    hub = await startHub({
      persons: 0,
      env: { HUB_CERTIFICATE_CHECKS_PER_MINUTE: String(PER_MINUTE), HUB_PUBLIC_CERTIFICATE_CHECKS_PER_MINUTE: '100' },
    });
    const certificate = (mutation: string, type: string, who: object, fields: Record<string, unknown>) =>
      ok(`mutation($i: ${type}!) { ${mutation}(input: $i) { id } }`, { i: { ...who, ...fields } });
    await certificate('recordHrssCertificate', 'HrssCertificateInput', person('张三'), {
      kind: 'SKILL_LEVEL',
      level: 'LEVEL_3',
      occupation: '6-18-02-04',
      certificateNumber: 'VC-VALID-1',
      issuingBody: '濮阳县职业技能鉴定中心',
      issuedOn: '2024-05-01',
    });
    await certificate('recordHrssCertificate', 'HrssCertificateInput', person('李四'), {
      kind: 'SKILL_LEVEL',
      level: 'LEVEL_4',
      certificateNumber: 'VC-REVOKED-1',
      issuingBody: '濮阳县职业技能鉴定中心',
      issuedOn: '2023-01-10',
    });
    await ok('mutation { revokeHrssCertificate(certificateNumber: "VC-REVOKED-1", revokedOn: "2024-02-01", reason: "考试作弊") { id } }');
    await certificate('recordVeteransCertificate', 'VeteransCertificateInput', person('买买提·艾力'), {
      kind: 'SPECIAL_OPERATION',
      certificateNumber: 'VC-EXPIRED-1',
      issuingBody: '濮阳县应急管理局',
      issuedOn: '2015-06-01',
      validUntil: '2021-06-01',
    });
    await ok('mutation { syncHolderIndex { department lastError } }');
  }, 180_000);

  afterAll(() => hub?.stop());

  it('answers VALID with the kind, level, occupation and issuing body, however the number and name are typed', async () => {
    const res = await check(employer, ' vc－valid－1 ', '张　三 ');
    expect(res.errors).toBeUndefined();
    expect(res.data.verifyCertificate).toMatchObject({
      status: 'VALID',
      kind: 'SKILL_LEVEL',
      grade: { code: 'SKILL_3', label: '三级/高级工' },
      occupation: { code: '6-18-02-04' },
      issuingBody: '濮阳县职业技能鉴定中心',
    });
  });

  it('answers REVOKED for a withdrawn certificate and EXPIRED for one past its date', async () => {
    expect((await check(employer, 'VC-REVOKED-1', '李四')).data.verifyCertificate).toMatchObject({
      status: 'REVOKED',
      kind: 'SKILL_LEVEL',
    });
    expect((await check(dashboard, 'VC-EXPIRED-1', '买买提・艾力')).data.verifyCertificate).toMatchObject({
      status: 'EXPIRED',
      kind: 'SPECIAL_OPERATION',
      grade: null,
      issuingBody: '濮阳县应急管理局',
    });
  });

  it('gives a known number under another name the very answer an unknown number gets', async () => {
    // Names are compared as written: a traditional-character spelling is another name.
    expect((await check(otherEmployer, 'VC-VALID-1', '張三')).data.verifyCertificate.status).toBe('NOT_FOUND');
    const wrongName = (await check(otherEmployer, 'VC-VALID-1', '张四')).data.verifyCertificate;
    const unknown = (await check(otherEmployer, 'VC-NO-SUCH-1', '张三')).data.verifyCertificate;
    expect(wrongName).toEqual({
      status: 'NOT_FOUND',
      kind: null,
      grade: null,
      occupation: null,
      issuingBody: null,
      checkedOn: wrongName.checkedOn,
    });
    expect(unknown).toEqual(wrongName);
    // A name alone, or a number too long to be on record, finds nothing either.
    expect((await check(otherEmployer, 'X'.repeat(65), '张三')).data.verifyCertificate.status).toBe('NOT_FOUND');
  });

  it('answers nothing about the holder: the type has no person, ID number or department', async () => {
    const type = await ok('{ __type(name: "CertificateCheck") { fields { name } } }');
    expect(type.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'checkedOn',
      'grade',
      'issuingBody',
      'kind',
      'occupation',
      'status',
    ]);
  });

  it('refuses analysts and blank input', async () => {
    expect((await check(analyst, 'VC-VALID-1', '张三')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const blank = await check(dashboard, '  ', '张三');
    expect(blank.errors?.[0].extensions?.reason).toBe('CERTIFICATE_NUMBER_REQUIRED');
    expect((await check(dashboard, 'VC-VALID-1', ' ')).errors?.[0].extensions?.reason).toBe('NAME_REQUIRED');
  });

  it('limits each caller to its budget a minute, without slowing another caller', async () => {
    const caller: Principal = { subject: 'bulk-prober', role: 'EMPLOYER' };
    const answers: Res[] = [];
    for (let i = 0; i < PER_MINUTE + 2; i++) answers.push(await check(caller, `VC-GUESS-${i}`, '张三'));
    expect(answers.slice(0, PER_MINUTE).every((a) => a.data?.verifyCertificate.status === 'NOT_FOUND')).toBe(true);
    expect(answers.slice(PER_MINUTE).map((a) => a.errors?.[0].extensions?.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect((await check({ subject: 'another-employer', role: 'EMPLOYER' }, 'VC-VALID-1', '张三')).data.verifyCertificate.status).toBe(
      'VALID',
    );
  });

  it('writes every answered call to the audit log, with the caller and the outcome', async () => {
    const log = await ok('{ auditLog(first: 100) { totalCount nodes { subject role field purpose } } }');
    const checks = log.auditLog.nodes.filter((n: { field: string }) => n.field === 'verifyCertificate');
    expect(checks.filter((n: { subject: string }) => n.subject === 'bulk-prober')).toHaveLength(PER_MINUTE);
    expect(checks).toContainEqual({
      subject: 'hr-of-huicheng',
      role: 'EMPLOYER',
      field: 'verifyCertificate',
      purpose: '证书查询 编号 VC-VALID-1：VALID',
    });
    expect(checks).toContainEqual({
      subject: 'hr-of-longfeng',
      role: 'EMPLOYER',
      field: 'verifyCertificate',
      purpose: '证书查询 编号 VC-VALID-1：NOT_FOUND',
    });
  });
});
