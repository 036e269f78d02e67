import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { createWorkbookReader } from './createWorkbookReader';
import { recordingTempFiles, removeTempFiles } from './exceljsTempFiles';
import { IntakeFileError } from './IntakeFileError';
import { ImportLimits, importLimits } from './importLimits';
import { CellValue, plainCellValue } from './plainCellValue';
import type { SheetRow } from './SheetRow';

/** Column letters of a 1-based column number (1 → A, 28 → AB), for messages. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A cell longer than the limit refuses the file, naming the cell. */
export function cellTooLong(row: number, column: string, limit: number): IntakeFileError {
  return new IntakeFileError(
    'CELL_TOO_LONG',
    `第 ${row} 行 ${column} 列的单元格超过 ${limit} 个字符，拒绝导入；请检查该单元格（可能粘贴了整段文字或是异常文件）`,
  );
}

function cellsOf(row: ExcelJS.Row, maxCellChars: number): CellValue[] {
  // row.values is 1-based and sparse: index 0 is always empty.
  const values = row.values as unknown[];
  const cells = new Array<CellValue>(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) {
    const cell = plainCellValue(values[i]);
    if (typeof cell === 'string' && cell.length > maxCellChars) throw cellTooLong(row.number, columnLetters(i), maxCellChars);
    cells[i - 1] = cell;
  }
  return cells;
}

export function tooManyRows(limit: number): IntakeFileError {
  return new IntakeFileError('TOO_MANY_ROWS', `文件超过 ${limit} 行的上限，拒绝导入；请把数据分成几个文件导入`);
}

function unreadable(error: unknown): IntakeFileError {
  if (error instanceof IntakeFileError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new IntakeFileError('NOT_A_SPREADSHEET', `无法读取 xlsx 文件，文件可能已损坏或不是 Excel 工作簿（${detail}）`);
}

/**
 * Rows of the first worksheet of an .xlsx, streamed with exceljs's WorkbookReader. Styles are read
 * so that date cells come back as dates; rows with no cells at all are not in the file and so not yielded.
 */
export async function* readXlsxRows(input: Readable, limits: ImportLimits = importLimits()): AsyncGenerator<SheetRow> {
  const reader = createWorkbookReader(input, limits.maxCellChars, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]();
  // Temporary copies of worksheets that exceljs makes while it reads for us (see exceljsTempFiles).
  const tempFiles: Parameters<typeof removeTempFiles>[0] = new Set();
  try {
    let sheet: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      sheet = await recordingTempFiles(tempFiles, () => sheets.next());
    } catch (error) {
      throw unreadable(error);
    }
    if (sheet.done) throw new IntakeFileError('NOT_A_SPREADSHEET', '文件中没有工作表，不是 Excel 工作簿');
    // exceljs's streaming worksheet reader yields rows, but its typings declare it a plain Worksheet.
    const rows = (sheet.value as unknown as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator]();
    let count = 0;
    try {
      for (;;) {
        let next: IteratorResult<ExcelJS.Row>;
        try {
          next = await recordingTempFiles(tempFiles, () => rows.next());
        } catch (error) {
          throw unreadable(error);
        }
        if (next.done) break;
        if (++count > limits.maxRows) throw tooManyRows(limits.maxRows);
        yield { number: next.value.number, cells: cellsOf(next.value, limits.maxCellChars) };
      }
    } finally {
      // Only the first worksheet is imported: stop reading the rest of the zip.
      await recordingTempFiles(tempFiles, async () => sheets.return?.(undefined));
    }
  } finally {
    await removeTempFiles(tempFiles);
  }
}
