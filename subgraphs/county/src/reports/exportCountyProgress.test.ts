import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CountyFigures } from '../progress/CountyProgressService';
import type { Figure } from '@hub/subgraph-kit';
import { exportCountyProgress } from './exportCountyProgress';

const figure = (key: string, label: string, value: number, target: number | null): Figure => ({
  key,
  label,
  value,
  target,
  ratio: target ? value / target : null,
});

const figures: CountyFigures = {
  asOf: '2025-06-30',
  periodFrom: '2021-01-01',
  periodTo: '2025-12-31',
  certificateHolders: figure('certificateHolders', '持证人员总量', 150_000, 300_000),
  skilledTalents: figure('skilledTalents', '技能人才总量', 100_000, 200_000),
  midHighSkilledTalents: figure('midHighSkilledTalents', '中高级技能人才', 80_000, 160_000),
  highSkilledTalents: figure('highSkilledTalents', '高技能人才总量', 20_000, null),
  trainingPersonTimes: figure('trainingPersonTimes', '职业技能培训', 60_000, 120_000),
  newlyCertified: figure('newlyCertified', '新增取证', 48_000, 96_000),
  newHighSkilled: figure('newHighSkilled', '新增高技能人才', 5_000, 10_000),
  employedPopulation: 375_000,
  holderShareOfEmployed: figure('holderShareOfEmployed', '持证人员占从业人员比例', 0.4, 0.8),
  skilledShareOfEmployed: figure('skilledShareOfEmployed', '技能人才占从业人员比例', 0.26666, null),
  midHighShareOfSkilled: figure('midHighShareOfSkilled', '中高级占技能人才比例', 0.8, 0.8),
  byDepartment: [
    {
      department: 'HRSS',
      label: '人力资源和社会保障局',
      holders: 90_000,
      overlap: 10_000,
      exclusive: 80_000,
      certificates: 120_000,
      cellKeys: { holders: 0, overlap: 0, certificates: 0 },
    },
  ],
  byTownship: [{ key: '410928101', label: '柳屯镇', holders: 9_000, certificates: 11_000, cellKeys: { holders: 0, certificates: 0 } }],
  byTalentCategory: [
    { key: 'SKILLED', label: '技能人才', holders: 100_000, certificates: 130_000, cellKeys: { holders: 0, certificates: 0 } },
  ],
  byLevel: [{ key: '4', label: '四级/中级工', holders: 40_000, certificates: 45_000, cellKeys: { holders: 0, certificates: 0 } }],
  byOccupation: [{ key: '6-31-01-03', label: '电工', holders: 3_000, certificates: 3_100, cellKeys: { holders: 0, certificates: 0 } }],
  byMonth: [
    {
      month: '2025-06',
      certificatesIssued: 4_000,
      newHolders: 3_000,
      trainingsStarted: 5_000,
      cellKeys: { certificatesIssued: 0, newHolders: 0, trainingsStarted: 0 },
    },
  ],
  cellKeys: { holders: 0, skilled: 0, midHigh: 0, high: 0, trainingPersonTimes: 0, newlyCertified: 0, newHighSkilled: 0 },
};

async function render(format: 'xlsx' | 'csv'): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  await exportCountyProgress(figures, format, stream);
  return Buffer.concat(chunks);
}

describe('exportCountyProgress', () => {
  it('writes one sheet per table with values, targets and ratios', async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs declares a Buffer interface of its own, which Node 20's Buffer typings no longer match.
    await workbook.xlsx.load((await render('xlsx')) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['主要指标', '按部门', '按乡镇', '按等级', '按人才类别', '按职业', '按月份']);
    const headline = workbook.getWorksheet('主要指标')!;
    expect((headline.getRow(1).values as unknown[]).slice(1)).toEqual(['指标', '数值', '目标', '完成率', '单位']);
    expect((headline.getRow(2).values as unknown[]).slice(1)).toEqual(['截至日期', '2025-06-30']);
    expect((headline.getRow(4).values as unknown[]).slice(1)).toEqual(['持证人员总量', 150_000, 300_000, 0.5, '人']);
    expect((workbook.getWorksheet('按部门')!.getRow(2).values as unknown[]).slice(1)).toEqual([
      '人力资源和社会保障局',
      90_000,
      10_000,
      80_000,
      120_000,
    ]);
    expect((workbook.getWorksheet('按月份')!.getRow(2).values as unknown[]).slice(1)).toEqual(['2025-06', 4_000, 3_000, 5_000]);
  });

  it('writes CSV sections with a BOM', async () => {
    const text = (await render('csv')).toString('utf8');
    expect(text.startsWith('\uFEFF指标,数值,目标,完成率,单位\r\n')).toBe(true);
    expect(text).toContain('持证人员总量,150000,300000,50.00%,人');
    expect(text).toContain('\r\n按乡镇\r\n乡镇代码,乡镇,持证人数,证书数\r\n410928101,柳屯镇,9000,11000\r\n');
  });
});
