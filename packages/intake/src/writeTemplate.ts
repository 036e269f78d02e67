import type ExcelJS from 'exceljs';
import { loadExcelJs } from './loadExcelJs';
import { PassThrough } from 'node:stream';
import type { DepartmentDefinition } from '@hub/subgraph-kit';
import {
  certificateKindLabels,
  departmentLabels,
  directedKindLabels,
  skillLevelLabels,
  targetGroupLabels,
  trainingChannelLabels,
} from '@hub/vocabulary';
import { createTableWriter, TableFormat } from './createTableWriter';
import { intakeColumns } from './intakeColumns';
import type { CellParser, SheetKind } from './IntakeColumn';
import { sheetKindLabels } from './IntakeColumn';

/** Marks the template's example row: the importer skips rows whose first cell starts with #. */
export const EXAMPLE_MARK = '#示例 ';

/** Columns that hold digits that must stay text, or Excel turns 410928… into 4.10928E+17. */
const textParsers: ReadonlySet<CellParser> = new Set(['idNumber', 'code']);

/** Drop-down lists for columns with fixed choices (Excel's inline lists stop at 255 characters). */
const choiceLists: Partial<Record<CellParser, string[]>> = {
  sex: ['男', '女'],
  kind: Object.values(certificateKindLabels),
  level: Object.values(skillLevelLabels),
  status: ['有效', '已撤销'],
  channel: Object.values(trainingChannelLabels),
  targetGroup: Object.values(targetGroupLabels),
  directedKind: Object.values(directedKindLabels),
  outcome: ['是', '否', '在训'],
  yesNo: ['是', '否'],
};

const TEMPLATE_ROWS = 5000;

function exampleRow(definition: DepartmentDefinition, kind: SheetKind): unknown[] {
  return intakeColumns(definition, kind).map((c, i) => (i === 0 ? `${EXAMPLE_MARK}${c.example}` : c.example === '' ? null : c.example));
}

async function xlsxTemplate(definition: DepartmentDefinition, kind: SheetKind): Promise<Buffer> {
  const columns = intakeColumns(definition, kind);
  const workbook = new (loadExcelJs().Workbook)();
  const sheet = workbook.addWorksheet(`${sheetKindLabels[kind]}导入`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.label,
    width: Math.max(12, c.label.length * 2 + 4, c.parser === 'idNumber' ? 22 : 0),
    style: textParsers.has(c.parser) ? { numFmt: '@' } : c.parser === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
    header.getCell(i + 1).note = c.note;
    const list = choiceLists[c.parser];
    if (list && list.join(',').length <= 255) {
      const letter = sheet.getColumn(i + 1).letter;
      // exceljs has dataValidations on every worksheet, but its typings omit it.
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(
        `${letter}2:${letter}${TEMPLATE_ROWS}`,
        {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: false,
        },
      );
    }
  });
  const example = sheet.addRow(exampleRow(definition, kind));
  example.font = { color: { argb: 'FF808080' }, italic: true };

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 18 },
    { header: '是否必填', width: 10 },
    { header: '也可写作', width: 40 },
    { header: '填写说明', width: 80 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of columns)
    notes.addRow([c.label, c.required ? '必填' : '选填', c.spellings.filter((s) => s !== c.label).join('、'), c.note]);
  notes.addRow([]);
  notes.addRow([
    `${departmentLabels[definition.code]}${sheetKindLabels[kind]}导入模板。表头须在前 10 行内；第一格以 # 开头的行（如示例行）、空行和“合计”行导入时跳过。`,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function csvTemplate(definition: DepartmentDefinition, kind: SheetKind): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const out = createTableWriter('csv', stream);
  out.table(
    `${sheetKindLabels[kind]}导入`,
    intakeColumns(definition, kind).map((c) => ({ header: c.label })),
  );
  await out.row(exampleRow(definition, kind));
  await out.close();
  return Buffer.concat(chunks);
}

/**
 * A department's import template: the Chinese headers (required ones highlighted, each with a note),
 * an example row marked with # that the importer skips, and in xlsx a 填写说明 sheet listing every
 * column, whether it is required and the other headers it may have.
 */
export function writeTemplate(definition: DepartmentDefinition, kind: SheetKind, format: TableFormat): Promise<Buffer> {
  return format === 'xlsx' ? xlsxTemplate(definition, kind) : csvTemplate(definition, kind);
}
