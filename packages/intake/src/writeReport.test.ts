import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportResult } from './ImportResult';
import { writeReport } from './writeReport';

const result: ImportResult = {
  file: '培训.csv',
  format: 'csv',
  department: 'EDUCATION',
  kind: 'trainings',
  headerRow: 1,
  dryRun: true,
  rows: 39,
  accepted: 38,
  rejected: 1,
  superseded: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  people: { created: 0, updated: 0, unchanged: 0 },
  batches: 0,
  errors: [{ row: 9, column: '渠道', value: '劳务输出', reason: '无法识别的培训渠道' }],
  supersededRows: [],
  warnings: [],
  ignoredColumns: [],
  looseRows: 1,
  readings: [
    {
      column: '渠道',
      values: [
        { written: '劳务输出', readAs: '无法识别', rule: 'unread', rows: 1, firstRows: [9] },
        { written: '学校短训班', readAs: '学校技能培训及机关事业单位干部职工培训', rule: 'loose', rows: 1, firstRows: [4] },
        { written: '学校培训', readAs: '学校技能培训及机关事业单位干部职工培训', rule: 'synonym', rows: 37, firstRows: [2, 3, 5, 6, 7] },
      ],
      otherValues: 0,
      otherRows: 0,
    },
  ],
  reportPath: null,
};

async function written(format: 'csv' | 'xlsx'): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeReport(result, format, stream);
  return Buffer.concat(chunks);
}

describe('writeReport', () => {
  it('writes the reading table after the problems in a CSV report', async () => {
    const lines = (await written('csv')).toString('utf8').split('\r\n');
    expect(lines.slice(0, 2)).toEqual(['\uFEFF行号,列,值,原因', '9,渠道,劳务输出,无法识别的培训渠道']);
    const at = lines.indexOf('读取对照');
    expect(at).toBeGreaterThan(1);
    expect(lines.slice(at + 1, at + 5)).toEqual([
      '列,文件中的写法,读作,行数,读取方式,行号（前5个）',
      '渠道,劳务输出,无法识别,1,无法识别，该行未导入,9',
      '渠道,学校短训班,学校技能培训及机关事业单位干部职工培训,1,近似读取，请核对,4',
      '渠道,学校培训,学校技能培训及机关事业单位干部职工培训,37,常见写法,2、3、5、6、7',
    ]);
  });

  it('writes it as the 读取对照 sheet of an xlsx report, and the loose rows in the summary', async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs declares a Buffer interface of its own, which Node 20's Buffer typings no longer match.
    await workbook.xlsx.load((await written('xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('读取对照')!;
    expect((sheet.getRow(4).values as unknown[]).slice(1)).toEqual([
      '渠道',
      '学校培训',
      '学校技能培训及机关事业单位干部职工培训',
      37,
      '常见写法',
      '2、3、5、6、7',
    ]);
    const summary = workbook.getWorksheet('汇总')!;
    const rows = summary
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['近似读取、请核对的行', 1]);
  });
});
