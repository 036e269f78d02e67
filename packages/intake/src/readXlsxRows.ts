import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { createWorkbookReader } from './createWorkbookReader';
import { IntakeFileError } from './IntakeFileError';
import { CellValue, plainCellValue } from './plainCellValue';
import type { SheetRow } from './SheetRow';

function cellsOf(row: ExcelJS.Row): CellValue[] {
  // row.values is 1-based and sparse: index 0 is always empty.
  const values = row.values as unknown[];
  const cells: CellValue[] = new Array(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) cells[i - 1] = plainCellValue(values[i]);
  return cells;
}

function unreadable(error: unknown): IntakeFileError {
  const detail = error instanceof Error ? error.message : String(error);
  return new IntakeFileError('NOT_A_SPREADSHEET', `无法读取 xlsx 文件，文件可能已损坏或不是 Excel 工作簿（${detail}）`);
}

/**
 * Rows of the first worksheet of an .xlsx, streamed with exceljs's WorkbookReader. Styles are read
 * so that date cells come back as dates; rows with no cells at all are not in the file and so not yielded.
 */
export async function* readXlsxRows(input: Readable): AsyncGenerator<SheetRow> {
  const reader = createWorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let sheet: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
  try {
    sheet = await sheets.next();
  } catch (error) {
    throw unreadable(error);
  }
  if (sheet.done) throw new IntakeFileError('NOT_A_SPREADSHEET', '文件中没有工作表，不是 Excel 工作簿');
  const rows = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<ExcelJS.Row>;
      try {
        next = await rows.next();
      } catch (error) {
        throw unreadable(error);
      }
      if (next.done) break;
      yield { number: next.value.number, cells: cellsOf(next.value) };
    }
  } finally {
    // Only the first worksheet is imported: stop reading the rest of the zip.
    await sheets.return?.(undefined);
  }
}
