import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { makeIdNumber, normalizeIdNumber } from '@hub/identity';
import {
  exportCertificates,
  exportTrainings,
  ImportInterruptedError,
  importFile,
  importRoutes,
  IntakeFileError,
  RowError,
} from '@hub/intake';
import { close, createHttpService, createLogger, listen } from '@hub/runtime';
import type { RecordBatch, WriteResult } from '@hub/subgraph-kit';
import { encodeGb18030 } from './fixtures/encodeGb18030';
import { startHub, TestHub } from './fixtures/startHub';
import { statusOf } from './fixtures/statusOf';

/** What the change feed gained since a position: a re-import adds its own `import` entry (the data-quality lists), no record. */
const entitiesSince = async (repo: { changesAfter(seq: number, limit: number): Promise<{ entity: string }[]> }, seq: number) =>
  (await repo.changesAfter(seq, 100)).map((c) => c.entity);

const fullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const id = (birth: string, seq: number) => makeIdNumber('410928', birth, seq);

/** An old 15-digit number (born 1985-03-12, sequence 123: male), exact as a JS number. */
const OLD_ID = 410928850312123;

describe('spreadsheet intake through the whole hub', () => {
  let hub: TestHub;
  let dir: string;

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-intake-test-'));
  });

  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string) => path.join(dir, name);
  const repoOf = (slug: keyof TestHub['subgraphs']) => hub.subgraphs[slug].repo;

  async function writeXlsx(name: string, build: (sheet: ExcelJS.Worksheet) => void): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    build(workbook.addWorksheet('Sheet1'));
    await workbook.xlsx.writeFile(file(name));
    return file(name);
  }

  describe('a clerk’s xlsx into education', () => {
    // As clerks send them: a merged title, a filing line, 序号, headers as they write them,
    // IDs as text, as numbers and in full-width digits, dates in every format, blank lines, a totals row.
    const people = {
      a: id('1990-05-12', 31),
      b: id('1992-01-20', 42),
      c: id('1988-11-02', 51),
      e: id('1995-07-07', 62),
      f: id('1979-03-03', 71),
      g: id('2001-09-09', 82),
      h: id('1987-08-08', 93),
      bad: id('1993-03-03', 11),
      female: id('1994-04-04', 22),
    };
    const headers = [
      '序号',
      '姓名',
      '身份证号码',
      '性别',
      '乡镇',
      '职业（工种）',
      '证书类型',
      '技能等级',
      '证书编号',
      '发证单位',
      '发证时间',
      '有效期',
      '学校',
      '专业',
    ];
    let clerkFile: string;

    beforeAll(async () => {
      clerkFile = await writeXlsx('教育局证书登记表.xlsx', (sheet) => {
        sheet.mergeCells('A1:N1');
        sheet.getCell('A1').value = '濮阳县教育局2024年职业技能等级证书登记表';
        sheet.mergeCells('A2:N2');
        sheet.getCell('A2').value = '填报单位：县职教中心　　填报日期：2024年6月';
        sheet.addRow(headers); // row 3
        const add = (values: unknown[]) => sheet.addRow(values);
        const r4 = add([
          1,
          '张三',
          people.a,
          '男',
          '柳屯镇',
          '电工',
          '职业技能等级证书',
          '四级/中级工',
          'JY-2023-0001',
          '县职业技能等级认定中心',
          new Date(Date.UTC(2023, 4, 1)),
          null,
          '县职教中心',
          '电气运行与控制',
        ]);
        r4.getCell(11).numFmt = 'yyyy-mm-dd';
        add([
          2,
          '李四',
          fullWidth(people.b),
          '女',
          '城关',
          '焊工',
          '职业技能等级证书',
          '五级',
          'JY-2023-0002',
          '县职业技能等级认定中心',
          45048,
          null,
          '县职教中心',
          '焊接',
        ]); // row 5: Excel serial
        add([]); // row 6
        add([
          3,
          '王五',
          ` ${people.c.slice(0, 6)} ${people.c.slice(6)} `,
          null,
          410928102,
          '6-18-02-04',
          '职业资格证书',
          4,
          'JY-2023-0003',
          '县人社局',
          '2023/5/3',
          null,
          null,
          null,
        ]); // row 7
        add([
          4,
          '赵六',
          OLD_ID,
          '男',
          '文留镇',
          '电工',
          '职业技能等级证书',
          '初级工',
          'JY-2023-0004',
          '县职业技能等级认定中心',
          '2023-05-04',
          '2028-05-03',
          null,
          null,
        ]); // row 8
        add([
          5,
          '钱七',
          people.e,
          '女',
          '庆祖',
          '中式烹调师',
          '职业技能等级证书',
          '高级技师',
          'JY-2023-0005',
          '县职业技能等级认定中心',
          '2023.5.5',
          null,
          null,
          null,
        ]); // row 9
        add([
          6,
          '孙八',
          people.f,
          '男',
          '八公桥镇',
          '电工',
          '特种作业操作证',
          null,
          'JY-2023-0006',
          '濮阳市应急管理局',
          '2023年5月6日',
          null,
          null,
          null,
        ]); // row 10
        add([
          7,
          '周九',
          people.g,
          '女',
          '户部寨',
          '养老护理员',
          '专项职业能力证书',
          null,
          123456789,
          '县人社局',
          20230507,
          null,
          null,
          null,
        ]); // row 11: number as number
        add([
          8,
          '张三',
          people.a,
          '男',
          '柳屯镇',
          '焊工',
          '职业技能等级证书',
          '三级/高级工',
          'JY-2023-0008',
          '县职业技能等级认定中心',
          '20230508',
          null,
          '县职教中心',
          null,
        ]); // row 12: same person, second certificate
        add([
          9,
          '吴十',
          Number(people.bad),
          '男',
          '柳屯镇',
          '电工',
          '职业技能等级证书',
          '四级',
          'JY-2023-0009',
          '县职业技能等级认定中心',
          '2023-05-09',
          null,
          null,
          null,
        ]); // row 13: ID as a number
        add([
          10,
          '郑十一',
          people.female,
          '男',
          '柳屯镇',
          '电工',
          '职业技能等级证书',
          '四级',
          'JY-2023-0010',
          '县职业技能等级认定中心',
          '2023-05-10',
          null,
          null,
          null,
        ]); // row 14: sex
        add([
          11,
          '王十二',
          people.c,
          null,
          '不存在乡',
          '电工',
          '职业技能等级证书',
          '四级',
          'JY-2023-0011',
          '县职业技能等级认定中心',
          '2023-02-30',
          null,
          null,
          null,
        ]); // row 15: two problems
        add([
          12,
          '冯十三',
          people.h,
          null,
          '城关镇',
          '电工',
          '职业技能等级证书',
          null,
          'JY-2023-0012',
          '县职业技能等级认定中心',
          '2023-05-12',
          null,
          null,
          null,
        ]); // row 16: no level: imported as 等级不明, with a warning
        add([]); // row 17
        add(['合计', null, null, null, null, null, null, null, '12 本']); // row 18
        add(['填表人：张老师', null, null, '审核人：李主任']); // row 19
      });
    });

    it('a dry run validates and reports but writes nothing', async () => {
      const report = file('dry-report.csv');
      const result = await importFile(hub.subgraphs.education, { path: clerkFile }, { dryRun: true, reportPath: report, env: hub.env });
      expect(result).toMatchObject({
        kind: 'certificates',
        headerRow: 3,
        rows: 12,
        accepted: 9,
        rejected: 3,
        created: 0,
        batches: 0,
        dryRun: true,
        ignoredColumns: ['序号'],
      });
      expect(await repoOf('education').latestSeq()).toBe(0);
      expect(await repoOf('education').certificateByNumber('JY-2023-0001')).toBeNull();
      expect(fs.readFileSync(report, 'utf8').split('\r\n')[0]).toBe('\uFEFF行号,列,值,原因');
    });

    it('a real run accepts the good rows and reports each bad row with row, column, value and reason', async () => {
      const result = await importFile(hub.subgraphs.education, { path: clerkFile }, { env: hub.env });
      expect(result).toMatchObject({ accepted: 9, rejected: 3, superseded: 0, created: 9, updated: 0, unchanged: 0 });
      const shown = (e: RowError) => [e.row, e.column, e.value, e.reason];
      expect(result.errors.map(shown)).toEqual([
        [13, '身份证号码', expect.stringMatching(/^410928\*+\d{4}$/), expect.stringContaining('数字格式')],
        [14, '性别', '男', '性别“男”与身份证号不符（身份证号显示为女）'],
        [15, '乡镇', '不存在乡', expect.stringContaining('不是濮阳县的乡镇')],
        [15, '发证时间', '2023-02-30', '日期“2023-02-30”不存在，请核对'],
      ]);
      expect(result.warnings.map(shown)).toEqual([[16, '技能等级', '', expect.stringContaining('未填写等级')]]);
      expect(await repoOf('education').certificateByNumber('JY-2023-0012')).toMatchObject({
        grade: 'UNKNOWN',
        level: null,
        gradeWritten: null,
      });

      const repo = repoOf('education');
      const issued = await Promise.all(
        ['JY-2023-0001', 'JY-2023-0002', 'JY-2023-0003', 'JY-2023-0004', 'JY-2023-0005', 'JY-2023-0006', '123456789', 'JY-2023-0008'].map(
          (n) => repo.certificateByNumber(n),
        ),
      );
      expect(issued.map((c) => c?.issuedOn)).toEqual([
        '2023-05-01',
        '2023-05-02',
        '2023-05-03',
        '2023-05-04',
        '2023-05-05',
        '2023-05-06',
        '2023-05-07',
        '2023-05-08',
      ]);
      expect(issued.map((c) => c?.level)).toEqual(['LEVEL_4', 'LEVEL_5', 'LEVEL_4', 'LEVEL_5', 'LEVEL_1', null, null, 'LEVEL_3']);
      expect(issued[0]).toMatchObject({ occupationCode: '6-31-01-03', school: '县职教中心', major: '电气运行与控制' });
      expect(issued[3]).toMatchObject({ validUntil: '2028-05-03' });
      const [old] = await repo.peopleByIds([issued[3]!.personId]);
      const upgraded = normalizeIdNumber(OLD_ID).idNumber;
      expect(old).toMatchObject({
        birthDate: '1985-03-12',
        sex: 'MALE',
        townshipCode: '410928102',
        idNumberMasked: `${upgraded.slice(0, 6)}************`,
      });
      const [wang] = await repo.peopleByIds([issued[2]!.personId]);
      expect(wang.townshipCode).toBe('410928102');

      // The report next to HUB_DATA_DIR: the same lines, readable by Excel.
      expect(result.reportPath).toContain(path.join(hub.env.HUB_DATA_DIR!, 'reports'));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(result.reportPath!);
      const sheet = workbook.worksheets[0];
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', '列', '值', '原因']);
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([14, '性别', '男', '性别“男”与身份证号不符（身份证号显示为女）']);
      expect(workbook.getWorksheet('汇总')).toBeDefined();
    });

    it('the imported rows count in countyProgress once the holder index has synced', async () => {
      const synced = await hub.query('mutation { syncHolderIndex { department lastError } }');
      expect(synced.errors).toBeUndefined();
      const res = await hub.query('{ countyProgress { certificateHolders { value } byDepartment { department holders certificates } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data.countyProgress.certificateHolders.value).toBe(8);
      const education = res.data.countyProgress.byDepartment.find((d: { department: string }) => d.department === 'EDUCATION');
      expect(education).toMatchObject({ holders: 8, certificates: 9 });
    });

    it('importing the same file again changes nothing and writes no record to the change feed, only the import itself', async () => {
      const before = await repoOf('education').latestSeq();
      const again = await importFile(hub.subgraphs.education, { path: clerkFile }, { env: hub.env });
      expect(again).toMatchObject({ accepted: 9, rejected: 3, created: 0, updated: 0, unchanged: 9 });
      expect(again.people).toMatchObject({ created: 0, updated: 0 });
      expect(await entitiesSince(repoOf('education'), before)).toEqual(['import']);
    });

    it('export streams a file that exceljs reads back, with Chinese headers and masked ID numbers only', async () => {
      const out = file('export.xlsx');
      const rows = await exportCertificates(hub.subgraphs.education, {}, 'xlsx', fs.createWriteStream(out));
      expect(rows).toBe(9);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const sheet = workbook.worksheets[0];
      const headerRow = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(headerRow).toEqual(
        expect.arrayContaining([
          '姓名',
          '身份证号（脱敏）',
          '乡镇代码',
          '乡镇',
          '职业编码',
          '职业(工种)',
          '证书类别',
          '等级',
          '证书编号',
          '发证日期',
          '学校',
          '专业',
        ]),
      );
      const idColumn = headerRow.indexOf('身份证号（脱敏）') + 1;
      const townshipColumn = headerRow.indexOf('乡镇') + 1;
      const ids: string[] = [];
      sheet.eachRow((row, n) => {
        if (n > 1) ids.push(String(row.getCell(idColumn).value));
      });
      expect(ids).toHaveLength(9);
      for (const masked of ids) expect(masked).toMatch(/^\d{6}\*{12}$/);
      expect(sheet.getRow(2).getCell(townshipColumn).value).toBe('柳屯镇');
      // No raw number anywhere in the file.
      const everything = JSON.stringify(sheet.getSheetValues());
      for (const raw of Object.values(people)) expect(everything).not.toContain(raw);

      const csv = file('export.csv');
      await exportCertificates(hub.subgraphs.education, { townshipCode: '410928101' }, 'csv', fs.createWriteStream(csv));
      const text = fs.readFileSync(csv, 'utf8');
      expect(text.startsWith('\uFEFF姓名,身份证号（脱敏）')).toBe(true);
      expect(text.split('\r\n').filter(Boolean)).toHaveLength(3); // header + 张三's two certificates
      expect(text).not.toContain(people.a);
    });
  });

  describe('CSV in GB18030 (Excel’s “CSV” in China) into agriculture', () => {
    it('detects the encoding and the kind of sheet, and reads the department’s own columns', async () => {
      const lines = [
        '濮阳县2024年高素质农民培训花名册,,,,,,,,,,,,,,',
        '姓名,身份证号,乡镇,培训项目,培训渠道,培训对象,培训机构,职业(工种),开始日期,结束日期,课时,是否结业,合作社,家庭农场,产业',
        `刘一,${id('1980-02-02', 13)},梨园乡,2024年高素质农民培训班,社会培训机构及新型职业农民培训,农民,县农广校,,2024/3/1,2024/3/20,80,是,绿源蔬菜合作社,,蔬菜种植`,
        `陈二,${id('1982-06-06', 24)},白堽,2024年高素质农民培训班,社会,农民,县农广校,,2024/3/1,,80,在训,,陈家农场,养殖`,
        `杨三,${id('1975-12-12', 35)},海通乡,2024年电商培训,社会,脱贫劳动力,县农广校,,2024年4月1日,2024年4月3日,24,否,,,电商`,
        `黄四,${id('1979-01-01', 45)},海通乡,2024年电商培训,不知道,农民,县农广校,,2024-04-01,,24,是,,,电商`,
        '合计,,,,,,,,,,,,,,',
      ];
      const csv = file('农业培训.csv');
      fs.writeFileSync(csv, encodeGb18030(`${lines.join('\r\n')}\r\n`));
      const result = await importFile(hub.subgraphs.agriculture, { path: csv }, { env: hub.env });
      expect(result).toMatchObject({ format: 'csv', kind: 'trainings', headerRow: 2, rows: 4, accepted: 3, rejected: 1, created: 3 });
      expect(result.errors).toEqual([
        { row: 6, column: '培训渠道', value: '不知道', reason: expect.stringContaining('无法识别的培训渠道') },
      ]);
      const page = await repoOf('agriculture').listTrainings({}, { first: 10 });
      expect(page.rows.map((t) => [t.programme, t.outcome, t.cooperative, t.farm, t.industry])).toEqual([
        ['2024年高素质农民培训班', 'COMPLETED', '绿源蔬菜合作社', null, '蔬菜种植'],
        ['2024年高素质农民培训班', 'IN_PROGRESS', null, '陈家农场', '养殖'],
        ['2024年电商培训', 'DROPPED', null, null, '电商'],
      ]);

      const out = file('trainings.csv');
      expect(await exportTrainings(hub.subgraphs.agriculture, {}, 'csv', fs.createWriteStream(out))).toBe(3);
      expect(fs.readFileSync(out, 'utf8')).toContain('合作社,家庭农场,产业');
    });
  });

  describe('files that cannot be read', () => {
    const refused = async (target: { path: string } | { buffer: Buffer; filename: string }) => {
      try {
        await importFile(hub.subgraphs.education, target, { env: hub.env });
      } catch (error) {
        if (error instanceof IntakeFileError) return error;
        throw error;
      }
      throw new Error('expected the file to be refused');
    };

    it('refuses a file that is not a zip, an empty file, and an xlsx without a header row; writes nothing', async () => {
      const before = await repoOf('education').latestSeq();
      fs.writeFileSync(file('not-a-zip.xlsx'), 'this is not a spreadsheet');
      expect(await refused({ path: file('not-a-zip.xlsx') })).toMatchObject({
        code: 'NOT_A_SPREADSHEET',
        message: expect.stringContaining('不是 Excel 工作簿'),
      });
      fs.writeFileSync(file('empty.csv'), '');
      expect(await refused({ path: file('empty.csv') })).toMatchObject({ code: 'EMPTY', message: '文件为空' });
      const noHeader = await writeXlsx('no-header.xlsx', (sheet) => {
        for (let i = 0; i < 12; i++) sheet.addRow(['张三', id('1990-05-12', 31), '电工']);
      });
      expect(await refused({ path: noHeader })).toMatchObject({ code: 'NO_HEADER', message: expect.stringContaining('没有找到表头行') });
      const missing = await writeXlsx('missing-columns.xlsx', (sheet) => sheet.addRow(['姓名', '身份证号', '证书编号']));
      expect(await refused({ path: missing })).toMatchObject({
        code: 'MISSING_COLUMNS',
        message: expect.stringContaining('证书类别、发证机构、发证日期'),
      });
      expect(await refused({ path: file('nowhere.xlsx') })).toMatchObject({ code: 'NOT_FOUND' });
      expect(await repoOf('education').latestSeq()).toBe(before);
    });

    it('refuses a CSV row with the wrong number of columns and imports the others', async () => {
      const lines = [
        '姓名,身份证号,证书类别,证书编号,发证机构,发证日期',
        `甲,${id('1991-01-01', 13)},特种作业操作证,CSV-1,应急管理局,2024-01-02`,
        `乙,${id('1991-01-02', 13)},特种作业操作证,CSV-2,应急管理局,濮阳市,2024-01-02`,
        `丙,${id('1991-01-03', 13)},特种作业操作证,CSV-3`,
        `丁,${id('1991-01-04', 13)},特种作业操作证,CSV-4,应急管理局,2024-01-04`,
      ];
      const result = await importFile(
        hub.subgraphs.education,
        { buffer: Buffer.from(lines.join('\n')), filename: 'columns.csv' },
        { env: hub.env },
      );
      expect(result).toMatchObject({ accepted: 2, rejected: 2 });
      expect(result.errors).toEqual([
        { row: 3, column: '', value: '7 列', reason: expect.stringContaining('表头有 6 列') },
        { row: 4, column: '', value: '4 列', reason: expect.stringContaining('表头有 6 列') },
      ]);
    });
  });

  describe('an interrupted import', () => {
    it('leaves only whole batches, and running it again completes it', async () => {
      const numbers = ['INT-1', 'INT-2', 'INT-3', 'INT-4', 'INT-5'];
      const target = await writeXlsx('interrupted.xlsx', (sheet) => {
        sheet.addRow(['姓名', '身份证号', '证书类别', '等级', '证书编号', '发证机构', '发证日期', '国有企业/用人单位']);
        numbers.forEach((n, i) =>
          sheet.addRow([`职工${i}`, id('1985-01-01', 100 + i), '职业技能等级证书', '四级', n, '评价机构', '2024-02-01', '县供水公司']),
        );
      });
      const finance = hub.subgraphs.finance;
      const repo = finance.repo;
      const writeBatch = repo.writeBatch.bind(repo);
      let calls = 0;
      // A wrapper, not an edit of the repository: the second batch's transaction fails as if the process died there.
      repo.writeBatch = async (batch: RecordBatch, manager?: Parameters<typeof writeBatch>[1]): Promise<WriteResult> => {
        calls += 1;
        if (calls === 2) {
          await writeBatch(batch, manager); // the writes happen, then the transaction is lost
          throw new Error('模拟进程中断 simulated crash');
        }
        return writeBatch(batch, manager);
      };
      try {
        const error = await importFile(finance, { path: target }, { batchSize: 2, env: hub.env }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ImportInterruptedError);
        expect(error).toMatchObject({ committedBatches: 1, committedRows: 2 });
      } finally {
        delete (repo as { writeBatch?: unknown }).writeBatch;
      }
      const present = await Promise.all(numbers.map((n) => repo.certificateByNumber(n)));
      expect(present.map((c) => c !== null)).toEqual([true, true, false, false, false]);
      const seqAfterCrash = await repo.latestSeq();

      const rerun = await importFile(finance, { path: target }, { batchSize: 2, env: hub.env });
      expect(rerun).toMatchObject({ accepted: 5, created: 3, unchanged: 2, batches: 3 });
      expect((await Promise.all(numbers.map((n) => repo.certificateByNumber(n)))).every((c) => c?.employer === '县供水公司')).toBe(true);
      expect(await repo.latestSeq()).toBeGreaterThan(seqAfterCrash);
    });
  });

  describe('duplicate natural keys in one file', () => {
    it('imports the last row of each certificate number, reports the earlier ones as superseded, and stays idempotent', async () => {
      const a = id('1970-10-10', 13);
      const b = id('1971-11-11', 23);
      const target = await writeXlsx('duplicates.xlsx', (sheet) => {
        sheet.addRow(['姓名', '身份证号', '乡镇', '证书类别', '等级', '证书编号', '发证机构', '发证日期', '退役年份']);
        sheet.addRow(['老兵甲', a, '柳屯镇', '职业技能等级证书', '五级', 'VET-1', '评价机构', '2024-03-01', 2010]); // row 2: superseded by 5
        sheet.addRow(['老兵乙', b, '柳屯镇', '职业技能等级证书', '五级', 'VET-2', '评价机构', '2024-03-01', '2012年']); // row 3
        sheet.addRow(['老兵甲', a, '柳屯镇', '职业技能等级证书', '四级', 'VET-1', '评价机构', '2024-03-01', 2010]); // row 4: superseded by 5
        sheet.addRow(['老兵甲', a, '柳屯镇', '职业技能等级证书', '三级', 'vet-1', '评价机构', '2024-03-01', 2010]); // row 5: wins (numbers are upper-cased)
        sheet.addRow(['老兵甲', a, '城关镇', '特种作业操作证', null, 'VET-3', '应急管理局', '2024-03-02', 2010]); // row 6: the person moved
      });
      const veterans = hub.subgraphs.veterans;
      const result = await importFile(veterans, { path: target }, { batchSize: 1, env: hub.env });
      expect(result).toMatchObject({ rows: 5, accepted: 3, superseded: 2, rejected: 0, created: 3 });
      expect(result.supersededRows).toEqual([
        { row: 2, column: '证书编号', value: 'VET-1', reason: '与第 5 行的证书编号相同，以第 5 行为准，本行未导入' },
        { row: 4, column: '证书编号', value: 'VET-1', reason: '与第 5 行的证书编号相同，以第 5 行为准，本行未导入' },
      ]);
      const vet1 = await veterans.repo.certificateByNumber('VET-1');
      expect(vet1).toMatchObject({ level: 'LEVEL_3', dischargeYear: 2010 });
      expect(await veterans.repo.certificateByNumber('VET-2')).toMatchObject({ dischargeYear: 2012 });
      // Every batch wrote the person with the fields of their last row, so nothing flips on a re-import.
      const [person] = await veterans.repo.peopleByIds([vet1!.personId]);
      expect(person.townshipCode).toBe('410928100');

      const seq = await veterans.repo.latestSeq();
      const again = await importFile(veterans, { path: target }, { batchSize: 1, env: hub.env });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, superseded: 2 });
      expect(again.people).toMatchObject({ created: 0, updated: 0 });
      expect(await entitiesSince(veterans.repo, seq)).toEqual(['import']);
    });

    it('never reinstates a certificate revoked since the last import', async () => {
      const veterans = hub.subgraphs.veterans;
      await veterans.repo.revokeCertificate('VET-2', '2024-05-01', '证书造假');
      const seq = await veterans.repo.latestSeq();
      const again = await importFile(veterans, { path: file('duplicates.xlsx') }, { env: hub.env });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(await veterans.repo.certificateByNumber('VET-2')).toMatchObject({ status: 'REVOKED', revokedOn: '2024-05-01' });
      expect(await entitiesSince(veterans.repo, seq)).toEqual(['import']);
    });
  });

  describe('exports page through the repository', () => {
    it('reads 1,000 rows per page with keyset pagination', async () => {
      const civil = hub.subgraphs['civil-affairs'];
      const lines = ['姓名,身份证号,证书类别,证书编号,发证机构,发证日期,机构'];
      for (let i = 0; i < 2300; i++)
        lines.push(
          `护理员${i},${id(`19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 9}`, i % 1000)},专项职业能力证书,MZ-${i},县人社局,2024-01-02,县福利院`,
        );
      const imported = await importFile(civil, { buffer: Buffer.from(lines.join('\n')), filename: 'many.csv' }, { env: hub.env });
      expect(imported).toMatchObject({ accepted: 2300, rejected: 0, batches: 3 });
      const listCertificates = civil.repo.listCertificates.bind(civil.repo);
      const pages: (number | undefined)[] = [];
      civil.repo.listCertificates = (filter, page) => {
        pages.push(page.afterId);
        return listCertificates(filter, page);
      };
      try {
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on('data', (c: Buffer) => chunks.push(c));
        expect(await exportCertificates(civil, {}, 'csv', sink)).toBe(2300);
        expect(pages).toHaveLength(3);
        expect(pages[0]).toBeUndefined();
        expect(Buffer.concat(chunks).toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(2301);
      } finally {
        delete (civil.repo as { listCertificates?: unknown }).listCertificates;
      }
    });
  });

  describe('HTTP routes', () => {
    let server: http.Server;
    let base: string;

    beforeAll(async () => {
      const routes = importRoutes(hub.subgraphs.education, { env: hub.env, maxBytes: 200_000 });
      server = createHttpService({ log: createLogger('intake-test', hub.env), routes });
      base = `http://127.0.0.1:${await listen(server, 0)}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await close(server);
    });

    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

    it('POST /import takes the raw file and answers counts, errors and the report', async () => {
      const body = fs.readFileSync(file('教育局证书登记表.xlsx'));
      const seq = await repoOf('education').latestSeq();
      const response = await fetch(`${base}/import?filename=${encodeURIComponent('教育局证书登记表.xlsx')}&dryRun=1`, {
        method: 'POST',
        headers: { 'content-type': XLSX },
        body,
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as Record<string, unknown> & {
        errors: RowError[];
        report: { base64: string; filename: string };
      };
      expect(answer).toMatchObject({ kind: 'certificates', dryRun: true, accepted: 9, rejected: 3, problemCount: 4, warningCount: 1 });
      expect(answer.errors[0]).toMatchObject({ row: 13, column: '身份证号码' });
      const report = new ExcelJS.Workbook();
      // exceljs declares a Buffer interface of its own, which Node 20's Buffer typings no longer match.
      await report.xlsx.load(Buffer.from(answer.report.base64, 'base64') as unknown as ExcelJS.Buffer);
      expect(report.worksheets[0].rowCount).toBe(6);
      expect(await repoOf('education').latestSeq()).toBe(seq);
    });

    it('POST /import refuses oversized bodies, other content types and unreadable files', async () => {
      const big = await fetch(`${base}/import?filename=big.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: Buffer.alloc(300_000, 0x41),
      });
      expect(big.status).toBe(413);
      const json = await fetch(`${base}/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(json.status).toBe(415);
      const broken = await fetch(`${base}/import?filename=x.xlsx`, {
        method: 'POST',
        headers: { 'content-type': XLSX },
        body: 'not a zip',
      });
      expect(broken.status).toBe(422);
      expect(await broken.json()).toMatchObject({ code: 'NOT_A_SPREADSHEET' });
    });

    it('GET /import/template and GET /export/… stream files with a UTF-8 filename*', async () => {
      const template = await fetch(`${base}/import/template?kind=trainings&format=csv`);
      expect(template.status).toBe(200);
      expect(template.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('教育局-培训导入模板.csv')}`);
      expect((await template.text()).startsWith('姓名,身份证号')).toBe(true); // fetch's text() drops the BOM

      const exported = await fetch(`${base}/export/certificates?format=xlsx&township=${encodeURIComponent('柳屯')}&level=4`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toBe(XLSX);
      const workbook = new ExcelJS.Workbook();
      // exceljs declares a Buffer interface of its own, which Node 20's Buffer typings no longer match.
      await workbook.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets[0].rowCount).toBe(2); // header + 张三's 四级 certificate

      expect(await statusOf(`${base}/export/certificates?level=特级`)).toBe(400);
      expect(await statusOf(`${base}/export/trainings?format=pdf`)).toBe(400);
    });
  });
});
