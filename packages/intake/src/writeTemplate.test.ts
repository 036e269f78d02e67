import ExcelJS from 'exceljs';
import { identityKeysFromEnv } from '@hub/identity';
import { IdentityService } from '@hub/subgraph-kit';
import { department as agriculture } from '@hub/subgraph-agriculture/src/department';
import { department as education } from '@hub/subgraph-education/src/department';
import type { IntakeHub } from './createRowValidator';
import { importFile } from './importFile';
import { intakeColumns } from './intakeColumns';
import { EXAMPLE_MARK, writeTemplate } from './writeTemplate';

// A stub hub: the template reads only its definition and identity.
const hub = { definition: education, identity: new IdentityService(identityKeysFromEnv({}, () => undefined)) } as unknown as IntakeHub;

describe('writeTemplate', () => {
  it('writes the Chinese headers, a # example row and a 填写说明 sheet', async () => {
    const buffer = await writeTemplate(education, 'certificates', 'xlsx');
    const workbook = new ExcelJS.Workbook();
    // exceljs declares a Buffer interface of its own, which Node 20's Buffer typings no longer match.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const [sheet, notes] = workbook.worksheets;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(intakeColumns(education, 'certificates').map((c) => c.label));
    expect(headers).toEqual(
      expect.arrayContaining([
        '姓名',
        '身份证号',
        '性别',
        '乡镇',
        '职业编码',
        '职业(工种)',
        '证书类别',
        '等级',
        '证书编号',
        '发证机构',
        '发证日期',
        '有效期至',
        '证书状态',
        '学校',
        '专业',
      ]),
    );
    expect(String(sheet.getCell('A2').value)).toMatch(/^#示例 /);
    expect(notes.name).toBe('填写说明');
    expect(notes.rowCount).toBeGreaterThan(headers.length);
  });

  it('is imported as an empty file (the example row is skipped), and its example is valid', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const buffer = await writeTemplate(education, 'certificates', format);
      const result = await importFile(hub, { buffer, filename: `t.${format}` }, { dryRun: true });
      expect(result).toMatchObject({ kind: 'certificates', rows: 0, accepted: 0, rejected: 0 });
      const uncommented = Buffer.from(buffer.toString('utf8').replace(EXAMPLE_MARK, ''));
      if (format === 'csv')
        expect(await importFile(hub, { buffer: uncommented, filename: 't.csv' }, { dryRun: true })).toMatchObject({
          accepted: 1,
          rejected: 0,
        });
    }
  });

  it("has the department's own training columns", async () => {
    const csv = (await writeTemplate(agriculture, 'trainings', 'csv')).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFF姓名,身份证号,性别,乡镇,职业编码,职业(工种),培训项目,培训渠道,培训对象,培训机构,开始日期,结束日期,课时,是否结业,订单/定向,合作社,家庭农场,产业',
    );
  });
});
