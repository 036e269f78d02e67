import type { Writable } from 'node:stream';
import { departmentLabels } from '@hub/vocabulary';
import { createTableWriter, TableFormat } from './createTableWriter';
import type { ImportResult } from './ImportResult';
import { sheetKindLabels } from './IntakeColumn';
import { readingRuleLabel } from './ReadingLog';

export const reportColumns = [
  { header: '行号', width: 8, type: 'number' },
  { header: '列', width: 16 },
  { header: '值', width: 24 },
  { header: '原因', width: 80 },
] as const;

export const readingColumns = [
  { header: '列', width: 16 },
  { header: '文件中的写法', width: 28 },
  { header: '读作', width: 40 },
  { header: '行数', width: 8, type: 'number' },
  { header: '读取方式', width: 20 },
  { header: '行号（前5个）', width: 24 },
] as const;

/**
 * The import report: one line per problem (行号, 列, 值, 原因), rejected rows, superseded rows and the
 * warnings of imported rows together in row order; then 读取对照: per coded column every distinct
 * written value, what it was read as, on how many rows and by which rule (a loose reading is marked
 * for checking); an xlsx report also has a 汇总 sheet with the counts. In CSV the tables follow each
 * other, each after a blank line and its name.
 */
export async function writeReport(result: ImportResult, format: TableFormat, writable: Writable): Promise<void> {
  const out = createTableWriter(format, writable);
  out.table('问题明细', reportColumns);
  // Warnings are on rows that were imported; their reason says what was made of the cell.
  const lines = [...result.errors, ...result.supersededRows, ...result.warnings].sort((a, b) => a.row - b.row);
  for (const line of lines) await out.row([line.row, line.column, line.value, line.reason]);
  out.table('读取对照', readingColumns);
  for (const column of result.readings) {
    for (const v of column.values)
      await out.row([column.column, v.written, v.readAs, v.rows, readingRuleLabel(v.rule), v.firstRows.join('、')]);
    if (column.otherValues > 0)
      await out.row([column.column, `其余 ${column.otherValues} 种写法`, '（未逐一列出）', column.otherRows, '', '']);
  }
  if (format === 'xlsx') {
    out.table('汇总', [
      { header: '项目', width: 20 },
      { header: '内容', width: 60 },
    ]);
    const summary: [string, unknown][] = [
      ['文件', result.file],
      ['部门', departmentLabels[result.department]],
      ['表格类型', sheetKindLabels[result.kind]],
      ['表头所在行', result.headerRow],
      ['试运行（未写入）', result.dryRun ? '是' : '否'],
      ['数据行', result.rows],
      ['接受', result.accepted],
      ['拒绝', result.rejected],
      ['被后面同号行覆盖', result.superseded],
      ['提示（已导入）', result.warnings.length],
      ['近似读取、请核对的行', result.looseRows],
      ['新增', result.created],
      ['更新', result.updated],
      ['未变', result.unchanged],
      ['未识别的列（未导入）', result.ignoredColumns.join('、')],
    ];
    for (const line of summary) await out.row(line);
  }
  await out.close();
}
