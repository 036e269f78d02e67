import { identityKeysFromEnv, makeIdNumber } from '@hub/identity';
import { IdentityService } from '@hub/subgraph-kit';
import type { DepartmentDefinition } from '@hub/subgraph-kit';
import { department as education } from '@hub/subgraph-education/src/department';
import { department as hrss } from '@hub/subgraph-hrss/src/department';
import { department as veterans } from '@hub/subgraph-veterans/src/department';
import { createRowValidator, IntakeHub, RowOutcome } from './createRowValidator';
import { matchHeaderRow } from './matchHeaderRow';
import type { CellValue } from './plainCellValue';
import { describeReading, ReadingLog } from './ReadingLog';

const identity = new IdentityService(identityKeysFromEnv({}, () => undefined));
const male = makeIdNumber('410928', '1990-05-12', 31);
const female = makeIdNumber('410928', '1988-02-29', 42);

function validator(definition: DepartmentDefinition, headers: string[]) {
  const match = matchHeaderRow(definition, headers, 1);
  if (!match || match === 'ambiguous') throw new Error('not a header');
  // A stub hub: the validator reads only its definition and identity.
  const validate = createRowValidator({ definition, identity } as unknown as IntakeHub, match);
  return (row: Record<string, CellValue>): RowOutcome =>
    validate(
      7,
      headers.map((h) => (h in row ? row[h] : null)),
    );
}

const certificateHeaders = [
  '姓名',
  '身份证号码',
  '性别',
  '乡镇',
  '职业编码',
  '工种',
  '证书类型',
  '技能等级',
  '证书编号',
  '发证单位',
  '发证时间',
  '有效期',
  '证书状态',
  '撤销日期',
  '学校',
];
const good: Record<string, CellValue> = {
  姓名: '张三',
  身份证号码: male,
  性别: '男',
  乡镇: '柳屯',
  职业编码: '6-31-01-03',
  工种: '电工',
  证书类型: '职业技能等级证书',
  技能等级: '四级/中级工',
  证书编号: ' ｅ００１ ',
  发证单位: '某评价机构',
  发证时间: '2023年5月1日',
  学校: '县职教中心',
};

function errorsOf(outcome: RowOutcome) {
  if (outcome.ok) throw new Error('expected errors');
  return outcome.errors.map((e) => ({ column: e.column, value: e.value, reason: e.reason }));
}

describe('createRowValidator: certificates', () => {
  const check = validator(education, certificateHeaders);

  it('turns a good row into the kit records', () => {
    const outcome = check(good);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.person).toMatchObject({
      name: '张三',
      sex: 'MALE',
      birthDate: '1990-05-12',
      townshipCode: '410928101',
      idNumberMasked: '410928************',
    });
    expect(outcome.record).toMatchObject({
      kind: 'SKILL_LEVEL',
      level: 'LEVEL_4',
      occupationCode: '6-31-01-03',
      certificateNumber: 'E001',
      issuedOn: '2023-05-01',
      status: 'VALID',
      school: '县职教中心',
    });
    // An empty 有效期至 is absent (the stored value stays), not a clear.
    expect('validUntil' in outcome.record).toBe(false);
    expect(outcome.key).toBe('E001');
  });

  it('reads （清空） as an explicit clear of an optional field and keeps the rest of the row', () => {
    const outcome = check({ ...good, 有效期: '（清空）', 乡镇: '(清空)' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.record.validUntil).toBeNull();
    expect(outcome.person.townshipCode).toBeNull();
  });

  it('refuses an 18-digit ID number stored as a number, naming the column as written and masking the value', () => {
    const errors = errorsOf(check({ ...good, 身份证号码: Number(male) }));
    expect(errors).toEqual([
      { column: '身份证号码', value: expect.stringMatching(/^410928\*+\d{4}$/), reason: expect.stringContaining('数字格式') },
    ]);
  });

  it('accepts a 15-digit number stored as a number (exact in a double) and upgrades it', () => {
    const outcome = check({ ...good, 身份证号码: 410928900512031, 性别: null });
    expect(outcome.ok && outcome.person.birthDate).toBe('1990-05-12');
  });

  it('accepts full-width digits and a leading apostrophe', () => {
    const fullWidth = `'${male.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`;
    expect(check({ ...good, 身份证号码: fullWidth }).ok).toBe(true);
  });

  it('checks 性别 against the ID number', () => {
    expect(errorsOf(check({ ...good, 身份证号码: female }))).toEqual([
      { column: '性别', value: '男', reason: '性别“男”与身份证号不符（身份证号显示为女）' },
    ]);
  });

  it('maps the kit’s field errors back to the columns as headed', () => {
    expect(errorsOf(check({ ...good, 有效期: '2020-01-01' }))[0]).toMatchObject({
      column: '有效期',
      reason: expect.stringContaining('早于发证日期'),
    });
    expect(errorsOf(check({ ...good, 发证时间: '2099-01-01' }))[0]).toMatchObject({
      column: '发证时间',
      reason: expect.stringContaining('晚于今天'),
    });
    expect(errorsOf(check({ ...good, 职业编码: null, 工种: '不存在的工种' }))[0]).toMatchObject({ column: '工种', value: '不存在的工种' });
    expect(errorsOf(check({ ...good, 乡镇: '不存在乡' }))[0]).toMatchObject({
      column: '乡镇',
      reason: expect.stringContaining('不是濮阳县的乡镇'),
    });
    expect(errorsOf(check({ ...good, 姓名: null }))[0]).toMatchObject({ column: '姓名', reason: '姓名不能为空' });
  });

  it('collects the problems of several columns of one row', () => {
    const errors = errorsOf(check({ ...good, 证书类型: '毕业证', 身份证号码: '410928', 发证时间: '去年' }));
    expect(errors.map((e) => e.column)).toEqual(['身份证号码', '证书类型', '发证时间']);
  });

  it('refuses a name that contradicts the occupation code', () => {
    expect(errorsOf(check({ ...good, 工种: '焊工' }))).toEqual([
      { column: '工种', value: '焊工', reason: '职业(工种)“焊工”与职业编码 6-31-01-03（电工）不一致' },
    ]);
  });

  it('refuses a certificate number that Excel stored as a number of more than 15 digits', () => {
    expect(errorsOf(check({ ...good, 证书编号: 1234567890123456 }))[0]).toMatchObject({
      column: '证书编号',
      reason: expect.stringContaining('超过15位'),
    });
    expect(check({ ...good, 证书编号: 123456789 }).ok).toBe(true);
  });

  it('imports 撤销/注销 without a date as withdrawn with the date not known, with a warning, and records a date when given', () => {
    for (const [written, status] of [
      ['已撤销', 'REVOKED'],
      ['撤销', 'REVOKED'],
      ['注销', 'CANCELLED'],
      ['已注销', 'CANCELLED'],
    ] as const) {
      const undated = check({ ...good, 证书状态: written });
      if (!undated.ok) throw new Error(JSON.stringify(undated.errors));
      expect(undated.record).toMatchObject({ status, revokedOn: null, revokeReason: '导入文件中标记为已撤销' });
      expect(undated.warnings).toEqual([{ row: 7, column: '撤销日期', value: '', reason: expect.stringContaining('撤销日期未提供') }]);
    }
    const withoutColumn = validator(
      education,
      certificateHeaders.filter((h) => h !== '撤销日期'),
    )({ ...good, 证书状态: '注销' });
    expect(withoutColumn.ok && withoutColumn.record).toMatchObject({ status: 'CANCELLED', revokedOn: null });
    expect(withoutColumn.ok && withoutColumn.warnings[0].column).toBe('证书状态');
    expect(errorsOf(check({ ...good, 证书状态: '已注销', 撤销日期: '2020-01-01' }))[0]).toMatchObject({
      column: '撤销日期',
      reason: expect.stringContaining('早于发证日期'),
    });
    expect(errorsOf(check({ ...good, 证书状态: '已注销', 撤销日期: '不知道' }))[0].column).toBe('撤销日期');
    const revoked = check({ ...good, 证书状态: '已撤销', 撤销日期: '2024-01-02' });
    expect(revoked.ok && revoked.record).toMatchObject({
      status: 'REVOKED',
      revokedOn: '2024-01-02',
      revokeReason: '导入文件中标记为已撤销',
    });
    expect(errorsOf(check({ ...good, 撤销日期: '2024-01-02' }))[0].column).toBe('撤销日期');
  });

  it.each([
    ['专业技术资格证书', '中级', 'TITLE_INTERMEDIATE', null],
    ['会计专业技术资格证书', '高级', 'TITLE_DEPUTY_SENIOR', null],
    ['会计专业技术资格', '正高级会计师', 'TITLE_SENIOR', null],
    ['社会工作者职业资格证书', '社会工作师', 'SOCIAL_WORKER_INTERMEDIATE', null],
    ['社工证', '助理社会工作师', 'SOCIAL_WORKER_ASSISTANT', null],
    ['职业技能等级证书', '二级/技师', 'SKILL_2', 'LEVEL_2'],
  ])('reads a %s with level %j on its own ladder as %s', (kind, level, grade, skillLevel) => {
    const outcome = check({ ...good, 证书类型: kind, 技能等级: level });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.record).toMatchObject({ grade, level: skillLevel, gradeWritten: level });
    expect(outcome.warnings).toEqual([]);
  });

  it.each([
    ['专业技术资格证书', '三级', '不在'],
    ['专业技术资格证书', '初级/中级', '不止一个等级'],
    ['社会工作者职业资格证书', '高级技师', '不在'],
    ['职业技能等级证书', '副高级', '不在'],
    ['职业技能等级证书', '特级', '不在'],
    ['职业技能等级证书', null, '未填写等级'],
  ])('imports a %s whose level %j is not on its ladder as UNKNOWN, with a warning on the level column', (kind, level, warning) => {
    const outcome = check({ ...good, 证书类型: kind, 技能等级: level });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.record).toMatchObject({ grade: 'UNKNOWN', level: null, gradeWritten: level });
    expect(outcome.warnings).toEqual([{ row: 7, column: '技能等级', value: level ?? '', reason: expect.stringContaining(warning) }]);
  });

  it('ignores a level written for a kind without levels, with a warning', () => {
    const outcome = check({ ...good, 证书类型: '特种作业操作证', 技能等级: '三级' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.record).toMatchObject({ kind: 'SPECIAL_OPERATION', grade: null, level: null, gradeWritten: null });
    expect(outcome.warnings).toEqual([{ row: 7, column: '技能等级', value: '三级', reason: expect.stringContaining('不分等级') }]);
  });

  it('checks the length of the department’s own columns', () => {
    expect(errorsOf(check({ ...good, 学校: '校'.repeat(129) }))[0]).toMatchObject({
      column: '学校',
      reason: expect.stringContaining('128'),
    });
  });
});

describe('createRowValidator: trainings and department columns', () => {
  const headers = [
    '姓名',
    '身份证号',
    '培训项目',
    '培训渠道',
    '培训对象',
    '培训机构',
    '开始日期',
    '结束日期',
    '课时',
    '是否结业',
    '企业',
    '企业新型学徒制',
  ];
  const check = validator(hrss, headers);
  const row: Record<string, CellValue> = {
    姓名: '李四',
    身份证号: female,
    培训项目: '电工培训班',
    培训渠道: '企业',
    培训对象: '企业职工',
    培训机构: '某培训学校',
    开始日期: 45352,
    结束日期: '2024.3.15',
    课时: '64',
    是否结业: '是',
    企业: '某公司',
    企业新型学徒制: '是',
  };

  it('reads a training row', () => {
    const outcome = check(row);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    expect(outcome.record).toMatchObject({
      programme: '电工培训班',
      channel: 'ENTERPRISE',
      targetGroup: 'EMPLOYEE',
      startDate: '2024-03-01',
      endDate: '2024-03-15',
      hours: 64,
      outcome: 'COMPLETED',
      enterprise: '某公司',
      apprenticeship: 1,
    });
    expect(outcome.key).toBe(`${outcome.person.personId}\u0000电工培训班\u00002024-03-01`);
  });

  it('requires the choices the kit does not check', () => {
    const errors = errorsOf(check({ ...row, 培训渠道: null, 培训对象: '群众', 是否结业: '也许' }));
    expect(errors.map((e) => e.column)).toEqual(['培训渠道', '培训对象', '是否结业']);
  });

  it('maps 课时 errors', () => {
    expect(errorsOf(check({ ...row, 课时: 2.5 }))[0]).toMatchObject({ column: '课时', reason: expect.stringContaining('整数') });
    expect(errorsOf(check({ ...row, 课时: '很多' }))[0]).toMatchObject({ column: '课时' });
  });

  it('reads 退役年份 as a year', () => {
    const vet = validator(veterans, [
      '姓名',
      '身份证号',
      '培训项目',
      '培训渠道',
      '培训对象',
      '培训机构',
      '开始日期',
      '是否结业',
      '退役年份',
    ]);
    const base = {
      姓名: '王五',
      身份证号: male,
      培训项目: '适应性培训',
      培训渠道: '社会',
      培训对象: '退役军人',
      培训机构: '某机构',
      开始日期: '2024-01-01',
      是否结业: '在训',
    };
    const outcome = vet({ ...base, 退役年份: '2015年' });
    expect(outcome.ok && outcome.record).toMatchObject({ dischargeYear: 2015, outcome: 'IN_PROGRESS' });
    expect(errorsOf(vet({ ...base, 退役年份: '1800' }))[0].column).toBe('退役年份');
  });
});

describe('createRowValidator: tolerant reading, shown per column', () => {
  const headers = ['姓名', '身份证号', '乡镇', '培训项目', '培训渠道', '培训对象', '培训机构', '开始日期', '是否结业', '企业新型学徒制'];
  const match = matchHeaderRow(hrss, headers, 1);
  if (!match || match === 'ambiguous') throw new Error('not a header');
  const log = new ReadingLog();
  // A stub hub: the validator reads only its definition and identity.
  const validate = createRowValidator({ definition: hrss, identity } as unknown as IntakeHub, match, log);
  const base: Record<string, CellValue> = {
    姓名: '李四',
    身份证号: male,
    培训项目: '电工班',
    培训对象: '企业职工',
    培训机构: '某机构',
    是否结业: '是',
  };
  const row = (n: number, cells: Record<string, CellValue>) =>
    validate(
      n,
      headers.map((h) => ({ ...base, ...cells })[h] ?? null),
    );

  const outcomes = [
    row(2, { 培训渠道: '学校培训', 开始日期: '2024.3.1', 乡镇: '柳屯镇人民政府' }),
    row(3, { 培训渠道: '学校培训 ', 开始日期: '２０２４年３月１日', 乡镇: '柳屯' }),
    row(4, { 培训渠道: '企业职工培训', 开始日期: 45352, 乡镇: '戶部寨鎮' }),
    row(5, { 培训渠道: '县职业技术学校短训班', 开始日期: '2024.03', 企业新型学徒制: '√' }),
    row(6, { 培训渠道: '农村实用技术培训', 开始日期: '2024-03-01' }),
    row(7, { 培训渠道: '劳务输出', 开始日期: '2024-03-01' }),
  ];

  it('accepts every row whose values can be read, loose ones too, and refuses the one that cannot', () => {
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true, true, false]);
    expect(outcomes.map((o) => (o.ok ? (o.record as { channel: string }).channel : null))).toEqual([
      'SCHOOL_PUBLIC',
      'SCHOOL_PUBLIC',
      'ENTERPRISE',
      'SCHOOL_PUBLIC',
      'SOCIAL_RURAL',
      null,
    ]);
    expect(outcomes[3].ok && outcomes[3].record).toMatchObject({ startDate: '2024-03-01', apprenticeship: 1 });
    expect(outcomes[2].ok && outcomes[2].person.townshipCode).toBe('410928107');
  });

  it('lists every distinct written value with what it was read as, its rows and its rule', () => {
    const channel = log.readings().find((c) => c.column === '培训渠道')!;
    const lines = channel.values.map((v) => describeReading(v));
    expect(lines).toEqual([
      '劳务输出 → 无法识别，1 行（无法识别，该行未导入）',
      '县职业技术学校短训班 → 学校技能培训及机关事业单位干部职工培训，1 行（近似读取，请核对）',
      '学校培训 → 学校技能培训及机关事业单位干部职工培训，2 行（常见写法）',
      '企业职工培训 → 企业职工全员培训，1 行（常见写法）',
      '农村实用技术培训 → 社会培训机构及新型职业农民培训，1 行（常见写法）',
    ]);
    expect(channel.values.find((v) => v.written === '学校培训')!.firstRows).toEqual([2, 3]);
    const dates = log
      .readings()
      .find((c) => c.column === '开始日期')!
      .values.map((v) => [v.written, v.readAs, v.rule]);
    expect(dates).toEqual(
      expect.arrayContaining([
        ['2024.03', '2024-03-01', 'loose'],
        ['2024.3.1', '2024-03-01', 'synonym'],
        ['２０２４年３月１日', '2024-03-01', 'synonym'],
        ['45352', '2024-03-01', 'synonym'],
        ['2024-03-01', '2024-03-01', 'exact'],
      ]),
    );
    const townships = log
      .readings()
      .find((c) => c.column === '乡镇')!
      .values.map((v) => [v.written, v.readAs]);
    expect(townships).toEqual(
      expect.arrayContaining([
        ['柳屯镇人民政府', '柳屯镇（410928101）'],
        ['戶部寨鎮', '户部寨镇（410928107）'],
      ]),
    );
    expect(log.warnedRows).toBe(1);
  });
});
