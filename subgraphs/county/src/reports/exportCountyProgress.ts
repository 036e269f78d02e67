import type { Writable } from 'node:stream';
import type { CountyFigures } from '../progress/CountyProgressService';
import type { Figure } from '@hub/subgraph-kit';
import { createTableWriter, TableFormat } from '@hub/intake';

/** Shares are written as fractions with 4 decimals; counts as they are. */
const round = (n: number | null, share: boolean) => (n === null ? null : share ? Math.round(n * 10_000) / 10_000 : n);

const headline: [keyof CountyFigures, string][] = [
  ['certificateHolders', '人'],
  ['skilledTalents', '人'],
  ['midHighSkilledTalents', '人'],
  ['highSkilledTalents', '人'],
  ['trainingPersonTimes', '人次'],
  ['newlyCertified', '人'],
  ['newHighSkilled', '人'],
  ['holderShareOfEmployed', '比例'],
  ['skilledShareOfEmployed', '比例'],
  ['midHighShareOfSkilled', '比例'],
];

/**
 * The county progress tables (hrss CountyProgressService.figures()): headline figures with value,
 * target and ratio; by department with overlap; by township, level, talent category, occupation and
 * month. xlsx: one sheet each; CSV: one section each, separated by a blank line and the table's name.
 */
export async function exportCountyProgress(figures: CountyFigures, format: TableFormat, writable: Writable): Promise<void> {
  const out = createTableWriter(format, writable);
  out.table('主要指标', [
    { header: '指标', width: 30 },
    { header: '数值', width: 14 },
    { header: '目标', width: 14 },
    { header: '完成率', width: 10, type: 'percent' },
    { header: '单位', width: 8 },
  ]);
  await out.row(['截至日期', figures.asOf, null, null, null]);
  await out.row(['规划期', `${figures.periodFrom} 至 ${figures.periodTo}`, null, null, null]);
  for (const [key, unit] of headline) {
    const figure = figures[key] as Figure;
    const share = unit === '比例';
    await out.row([figure.label, round(figure.value, share), round(figure.target, share), figure.ratio, unit]);
  }
  await out.row(['从业人员数', figures.employedPopulation, null, null, '人']);

  out.table('按部门', [
    { header: '部门', width: 24 },
    { header: '持证人数', type: 'number' },
    { header: '与其他部门重叠', type: 'number' },
    { header: '仅本部门', type: 'number' },
    { header: '证书数', type: 'number' },
  ]);
  for (const d of figures.byDepartment) await out.row([d.label, d.holders, d.overlap, d.exclusive, d.certificates]);

  const breakdown = async (name: string, keyHeader: string, labelHeader: string, rows: CountyFigures['byTownship']) => {
    out.table(name, [
      { header: keyHeader, width: 14 },
      { header: labelHeader, width: 24 },
      { header: '持证人数', type: 'number' },
      { header: '证书数', type: 'number' },
    ]);
    for (const r of rows) await out.row([r.key, r.label, r.holders, r.certificates]);
  };
  await breakdown('按乡镇', '乡镇代码', '乡镇', figures.byTownship);
  await breakdown('按等级', '等级', '等级名称', figures.byLevel);
  await breakdown('按人才类别', '人才类别代码', '人才类别', figures.byTalentCategory);
  await breakdown('按职业', '职业编码', '职业(工种)', figures.byOccupation);

  out.table('按月份', [
    { header: '月份', width: 10 },
    { header: '发证数', type: 'number' },
    { header: '新增持证人数', type: 'number' },
    { header: '培训开班人次', type: 'number' },
  ]);
  for (const m of figures.byMonth) await out.row([m.month, m.certificatesIssued, m.newHolders, m.trainingsStarted]);
  await out.close();
}
