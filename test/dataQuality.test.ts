import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeIdNumber } from '@hub/identity';
import ExcelJS from 'exceljs';
import { importFile } from '@hub/intake';
import { departments } from '@hub/vocabulary';
import { writeDataQualityReport } from '@hub/subgraph-county/src/reports/writeDataQualityReport';
import type { Principal } from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';

const id = (seq: number) => makeIdNumber('410928', '1985-04-04', seq);
const P1 = id(101); // hrss and education disagree on name and township
const P2 = id(102); // agriculture does not know the township: no conflict
const P3 = id(103); // hrss's DQ-DUP-1
const P4 = id(104); // veterans' DQ-DUP-1, and a training with target group 其他
const P5 = id(105); // education: a certificate after a training (attributed) and one withdrawn without a date
const P6 = id(106); // a second conflict, for paging

const certificate = (idNumber: string, name: string, certificateNumber: string, extra: Record<string, unknown> = {}) => ({
  idNumber,
  name,
  kind: 'SKILL_LEVEL',
  level: 'LEVEL_4',
  occupation: '电工',
  certificateNumber,
  issuingBody: '濮阳县职业技能鉴定站',
  issuedOn: '2024-06-01',
  ...extra,
});
const training = (idNumber: string, name: string, programme: string, extra: Record<string, unknown> = {}) => ({
  idNumber,
  name,
  programme,
  channel: 'SOCIAL_RURAL',
  targetGroup: 'FARMER',
  provider: '县职教中心',
  startDate: '2024-03-01',
  outcome: 'COMPLETED',
  ...extra,
});

const COUNTS = `query($d: Department) { dataQuality(department: $d) { byDepartment { department label personConflicts repeatedCertificateNumbers unattributedTrainings unattributedCertificates undatedWithdrawals refusedRows lastImportFile } } }`;
const CONFLICTS = `query($first: Int, $after: String) { dataQuality { personConflicts(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { person { id } fields departments copies { department name township { name } birthYear } } } } }`;
const LISTS = `query($d: Department) { dataQuality(department: $d) {
  repeatedCertificateNumbers { nodes { certificateNumber departments certificates { department certificateNumber } } }
  unattributedTrainings(first: 100) { nodes { department targetGroup channel person { id } } }
  unattributedCertificates(first: 100) { nodes { department certificateNumber } }
  undatedWithdrawals { nodes { department certificateNumber status } }
  importRefusals { nodes { department file row column value reason } }
} }`;

const educationStaff: Principal = { subject: 'edu-clerk', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };

describe('dataQuality: conflicts kept and shown, never silently overwritten', () => {
  let hub: TestHub;
  let dir: string;
  const personIdOf = (idNumber: string) => hub.hrss.identity.personIdOf(idNumber);
  const ok = async (query: string, variables?: Record<string, unknown>) => {
    const res = await hub.query(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data;
  };
  const record = (mutation: string, type: string, input: Record<string, unknown>) =>
    ok(`mutation($i: ${type}!) { ${mutation}(input: $i) { id } }`, { i: input });

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-quality-'));
    await record('recordHrssCertificate', 'HrssCertificateInput', certificate(P1, '张三', 'DQ-P1-H', { township: '城关镇' }));
    await record(
      'recordEducationTraining',
      'EducationTrainingInput',
      training(P1, '张叁', '电工培训', { township: '梁庄镇', channel: 'SCHOOL_PUBLIC', targetGroup: 'STUDENT' }),
    );
    await record('recordHrssCertificate', 'HrssCertificateInput', certificate(P2, '李四', 'DQ-P2-H', { township: '城关镇' }));
    await record('recordAgricultureTraining', 'AgricultureTrainingInput', training(P2, '李四', '果树培训'));
    await record('recordHrssCertificate', 'HrssCertificateInput', certificate(P3, '王五', 'DQ-DUP-1'));
    await record('recordVeteransCertificate', 'VeteransCertificateInput', certificate(P4, '赵六', 'dq-dup-1'));
    await record(
      'recordVeteransTraining',
      'VeteransTrainingInput',
      training(P4, '赵六', '适应性培训', { targetGroup: 'OTHER', channel: 'ENTERPRISE' }),
    );
    await record(
      'recordEducationTraining',
      'EducationTrainingInput',
      training(P5, '孙七', '焊工培训', { channel: 'SCHOOL_PUBLIC', targetGroup: 'STUDENT' }),
    );
    await record('recordEducationCertificate', 'EducationCertificateInput', certificate(P5, '孙七', 'DQ-P5-E'));
    await record('recordEducationCertificate', 'EducationCertificateInput', certificate(P5, '孙七', 'DQ-P5-W'));
    await record(
      'recordHrssTraining',
      'HrssTrainingInput',
      training(P6, '周八', '叉车培训', { channel: 'ENTERPRISE', targetGroup: 'EMPLOYEE', township: '城关镇' }),
    );
    await record('recordCivilAffairsTraining', 'CivilAffairsTrainingInput', training(P6, '周捌', '养老护理培训'));

    // A certificate withdrawn without a date, as the status contract stores it: status ≠ VALID, revoked_on NULL,
    // written in the department's table and change log together (as the kit writes every change).
    const education = hub.subgraphs.education;
    await education.repo.transaction(async (manager) => {
      const table = education.repo.specs.certificate.table;
      await manager.query(`UPDATE ${table} SET status = 'REVOKED', revoked_on = NULL WHERE certificate_number = 'DQ-P5-W'`);
      const [row] = await manager.query(`SELECT * FROM ${table} WHERE certificate_number = 'DQ-P5-W'`);
      const record = {
        id: row.id,
        personId: row.person_id,
        kind: row.kind,
        talentCategory: row.talent_category,
        level: row.level,
        occupationCode: row.occupation_code,
        certificateNumber: row.certificate_number,
        issuingBody: row.issuing_body,
        issuedOn: '2024-06-01',
        validUntil: null,
        status: 'REVOKED',
        revokedOn: null,
        revokeReason: null,
      };
      await manager.insert(education.repo.specs.changeLog.entity, {
        entity: 'certificate',
        entityId: String(row.id),
        personId: row.person_id,
        payload: JSON.stringify(record),
        createdAt: new Date().toISOString(),
      });
    });

    // Education's last import refused one row; civil affairs' first import refused one, its last one none.
    const write = (name: string, lines: string[]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
      return { path: file };
    };
    const header = '姓名,身份证号,培训项目,培训渠道,培训对象,培训机构,开始日期,是否结业';
    await importFile(
      hub.subgraphs.education,
      write('教育培训.csv', [
        header,
        `钱九,${id(107)},数控培训,学校,在校学生,县职教中心,2024-05-01,是`,
        `吴十,${id(108)},数控培训,不知道,在校学生,县职教中心,2024-05-01,是`,
      ]),
      { env: hub.env },
    );
    await importFile(
      hub.subgraphs['civil-affairs'],
      write('民政旧.csv', [
        header,
        `郑一,${id(109)},养老护理,社会,其他,县民政培训中心,2024-05-01,是`,
        `郑二,12345,养老护理,社会,其他,县民政培训中心,2024-05-01,是`,
      ]),
      { env: hub.env },
    );
    await importFile(
      hub.subgraphs['civil-affairs'],
      write('民政新.csv', [header, `郑一,${id(109)},养老护理,社会,其他,县民政培训中心,2024-05-01,是`]),
      { env: hub.env },
    );
    await hub.county.services.sync.syncAll();
  }, 120_000);

  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each department’s copy of a person, shows the disagreement, and the master shows hrss’s copy', async () => {
    const { dataQuality } = await ok(CONFLICTS, { first: 10 });
    const byPerson = new Map<
      string,
      { fields: string[]; departments: string[]; copies: { department: string; name: string; township: { name: string } | null }[] }
    >(dataQuality.personConflicts.nodes.map((n: { person: { id: string } }) => [n.person.id, n]));
    expect([...byPerson.keys()].sort()).toEqual([personIdOf(P1), personIdOf(P6)].sort());
    const p1 = byPerson.get(personIdOf(P1))!;
    expect(p1.fields).toEqual(['NAME', 'TOWNSHIP']);
    expect(p1.copies).toEqual([
      { department: 'EDUCATION', name: '张叁', township: { name: '梁庄镇' }, birthYear: 1985 },
      { department: 'HRSS', name: '张三', township: { name: '城关镇' }, birthYear: 1985 },
    ]);
    const master = await ok('query($id: String!) { person(idNumber: $id) { name township { name } } }', { id: P1 });
    expect(master.person).toEqual({ name: '张三', township: { name: '城关镇' } });
    // A department that does not know the township does not disagree; the master keeps the known one.
    expect(byPerson.has(personIdOf(P2))).toBe(false);
    expect((await ok('query($id: String!) { person(idNumber: $id) { township { name } } }', { id: P2 })).person.township).toEqual({
      name: '城关镇',
    });
  });

  it('pages through the conflicts and refuses a bad page size', async () => {
    const first = (await ok(CONFLICTS, { first: 1 })).dataQuality.personConflicts;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await ok(CONFLICTS, { first: 1, after: first.pageInfo.endCursor })).dataQuality.personConflicts;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.nodes[0].person.id).not.toBe(first.nodes[0].person.id);
    const bad = await hub.query(CONFLICTS, { first: 1000 });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists repeated certificate numbers, unattributed records, undated withdrawals and the last imports’ refused rows', async () => {
    const { dataQuality } = await ok(LISTS);
    expect(dataQuality.repeatedCertificateNumbers.nodes).toEqual([
      {
        certificateNumber: 'DQ-DUP-1',
        departments: ['HRSS', 'VETERANS'],
        certificates: [
          { department: 'HRSS', certificateNumber: 'DQ-DUP-1' },
          { department: 'VETERANS', certificateNumber: 'DQ-DUP-1' },
        ],
      },
    ]);
    expect(dataQuality.unattributedTrainings.nodes).toContainEqual({
      department: 'VETERANS',
      targetGroup: 'OTHER',
      channel: 'ENTERPRISE',
      person: { id: personIdOf(P4) },
    });
    expect(dataQuality.unattributedTrainings.nodes.every((t: { targetGroup: string }) => t.targetGroup === 'OTHER')).toBe(true);
    const unattributed = dataQuality.unattributedCertificates.nodes.map((c: { certificateNumber: string }) => c.certificateNumber);
    expect(unattributed).toEqual(expect.arrayContaining(['DQ-P1-H', 'DQ-DUP-1']));
    expect(unattributed).not.toContain('DQ-P5-E'); // education trained the person before it was issued
    expect(dataQuality.undatedWithdrawals.nodes).toEqual([{ department: 'EDUCATION', certificateNumber: 'DQ-P5-W', status: 'REVOKED' }]);
    expect(dataQuality.importRefusals.nodes).toEqual([
      {
        department: 'EDUCATION',
        file: '教育培训.csv',
        row: 3,
        column: '培训渠道',
        value: '不知道',
        reason: expect.stringContaining('无法识别的培训渠道'),
      },
    ]);
  });

  it('does not count a certificate withdrawn without a date', async () => {
    const q = 'query($id: String!) { person(idNumber: $id) { education { certificates { certificateNumber } } } }';
    expect((await ok(q, { id: P5 })).person.education.certificates).toHaveLength(2);
    const rows = await hub.county.dataSource.query(
      `SELECT certificate_id FROM holding WHERE certificate_number = 'DQ-P5-W' AND revoked_on IS NULL AND status = 'REVOKED'`,
    );
    expect(rows).toHaveLength(1);
    // Education's two certificates: only DQ-P5-E counts.
    const { aggregate } = await ok(
      '{ aggregate(dimensions: [DEPARTMENT], measures: [CERTIFICATES]) { rows { keys { key } certificates } } }',
    );
    const education = aggregate.rows.find((r: { keys: { key: string }[] }) => r.keys[0].key === 'EDUCATION');
    expect(education.certificates).toBe(1);
  });

  it('counts every list per department', async () => {
    const counts = new Map((await ok(COUNTS)).dataQuality.byDepartment.map((c: { department: string }) => [c.department, c]));
    expect(counts.get('HRSS')).toMatchObject({
      label: '人力资源和社会保障局',
      personConflicts: 2,
      repeatedCertificateNumbers: 1,
      undatedWithdrawals: 0,
    });
    expect(counts.get('EDUCATION')).toMatchObject({
      personConflicts: 1,
      undatedWithdrawals: 1,
      refusedRows: 1,
      lastImportFile: '教育培训.csv',
    });
    expect(counts.get('VETERANS')).toMatchObject({ repeatedCertificateNumbers: 1, unattributedTrainings: 1 });
    expect(counts.get('CIVIL_AFFAIRS')).toMatchObject({ personConflicts: 1, refusedRows: 0, lastImportFile: '民政新.csv' });
    expect(counts.get('AGRICULTURE')).toMatchObject({ personConflicts: 0, refusedRows: 0, lastImportFile: null });
  });

  it('shows department staff their own department’s rows only, and refuses analysts, dashboards and other departments', async () => {
    const own = await hub.queryAs(
      educationStaff,
      `{ dataQuality { byDepartment { department } personConflicts { nodes { departments copies { department name } } } importRefusals { nodes { department } } } }`,
    );
    expect(own.body.errors).toBeUndefined();
    const quality = own.body.data.dataQuality;
    expect(quality.byDepartment).toEqual([{ department: 'EDUCATION' }]);
    expect(quality.personConflicts.nodes).toEqual([
      { departments: ['EDUCATION', 'HRSS'], copies: [{ department: 'EDUCATION', name: '张叁' }] },
    ]);
    expect(quality.importRefusals.nodes).toEqual([{ department: 'EDUCATION' }]);

    const other = await hub.queryAs(educationStaff, `{ dataQuality(department: HRSS) { byDepartment { department } } }`);
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const who of [
      { subject: 'a', role: 'ANALYST' },
      { subject: 'd', role: 'DASHBOARD' },
      { subject: 's', role: 'SERVICE' },
    ] as Principal[]) {
      const res = await hub.queryAs(who, COUNTS);
      expect([who.role, res.status, res.body.errors?.[0].extensions?.code, res.body.errors?.[0].message]).toEqual([
        who.role,
        200,
        'FORBIDDEN',
        expect.any(String),
      ]);
      expect(res.body.data?.dataQuality ?? null).toBeNull();
    }
  });

  it('writes the lists to a workbook with Chinese sheet and column names (npm run data-quality)', async () => {
    const file = path.join(dir, '数据质量.xlsx');
    await writeDataQualityReport(hub.county.services.quality, departments, undefined, 'xlsx', fs.createWriteStream(file));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '人员信息不一致',
      '证书编号重复',
      '无法归类的培训',
      '无法归入渠道的证书',
      '撤销未填日期',
      '导入被拒的行',
    ]);
    const values = (sheet: string) =>
      book
        .getWorksheet(sheet)!
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    const conflicts = values('人员信息不一致');
    expect(conflicts[0]).toEqual(['身份证号（脱敏）', '不一致的字段', '部门', '姓名', '性别', '出生年份', '乡镇', '更新时间']);
    expect(conflicts).toContainEqual([
      expect.stringMatching(/^410928\*+/),
      '姓名、乡镇',
      '教育局',
      '张叁',
      '男',
      1985,
      '梁庄镇',
      expect.any(String),
    ]);
    expect(conflicts.flat().join()).not.toContain(P1);
    expect(values('导入被拒的行')[1]).toEqual([
      '教育局',
      expect.any(String),
      '教育培训.csv',
      3,
      '培训渠道',
      '不知道',
      expect.stringContaining('无法识别的培训渠道'),
    ]);
    expect(
      values('证书编号重复')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['DQ-DUP-1', 'DQ-DUP-1']);
  });

  it('takes a person from a feed that carries the birth year only, and compares birth years', async () => {
    const finance = hub.subgraphs.finance;
    const personId = personIdOf(P3);
    const payload = {
      personId,
      idNumberMasked: '410928********1030',
      name: '王五',
      sex: 'MALE',
      birthYear: 1986,
      townshipCode: null,
      updatedAt: new Date().toISOString(),
    };
    await finance.repo.transaction((manager) =>
      manager.insert(finance.repo.specs.changeLog.entity, {
        entity: 'person',
        entityId: personId,
        personId,
        payload: JSON.stringify(payload),
        createdAt: payload.updatedAt,
      }),
    );
    const [outcome] = (await ok('mutation { syncHolderIndex { department lastError } }')).syncHolderIndex.filter(
      (d: { department: string }) => d.department === 'FINANCE',
    );
    expect(outcome.lastError).toBeNull();
    const { dataQuality } = await ok(
      `{ dataQuality(department: FINANCE) { personConflicts { nodes { person { id } fields copies { department birthYear } } } } }`,
    );
    expect(dataQuality.personConflicts.nodes).toEqual([
      { person: { id: personId }, fields: ['BIRTH_YEAR'], copies: [{ department: 'FINANCE', birthYear: 1986 }] },
    ]);
    // The master keeps the birth year hrss's copy carries.
    expect((await ok('query($id: String!) { person(idNumber: $id) { birthYear } }', { id: P3 })).person.birthYear).toBe(1985);
  });
});
