import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkXlsxZip } from './checkXlsxZip';
import { IntakeFileError } from './IntakeFileError';
import { ImportLimits, importLimits } from './importLimits';
import { readCsvRows } from './readCsvRows';
import { readXlsxRows } from './readXlsxRows';
import type { SheetRow } from './SheetRow';

/** A file to import: on disk, or received over HTTP with the name it had. */
export type IntakeFile = { path: string } | { buffer: Buffer; filename: string };

export type SheetFormat = 'xlsx' | 'csv';

/** A readable spreadsheet. */
export interface SheetSource {
  format: SheetFormat;
  /** File name without folders, for reports. */
  name: string;
  rows(): AsyncGenerator<SheetRow>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const CHUNK = 64 * 1024;

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Binary files have NUL bytes early on; UTF-16 text does too, but starts with a BOM. */
function looksBinary(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
  return head.includes(0);
}

function* slices(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += CHUNK) yield buffer.subarray(i, i + CHUNK);
}

/** Decides the format from the content (zip, OLE, text) and the name, refusing what is not a spreadsheet. */
function formatOf(name: string, head: Uint8Array): SheetFormat {
  const ext = path.extname(name).toLowerCase();
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE)) {
    throw new IntakeFileError(
      'UNSUPPORTED_FORMAT',
      '这是 Excel 97-2003 格式（.xls/.et）的文件，请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）或 CSV 后再导入',
    );
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw new IntakeFileError('NOT_A_SPREADSHEET', `文件扩展名为 ${ext}，但内容不是 Excel 工作簿（文件可能已损坏或被改了扩展名）`);
  }
  if (looksBinary(head)) throw new IntakeFileError('NOT_A_SPREADSHEET', '文件不是电子表格：只能导入 .xlsx 或 .csv 文件');
  if (ext === '.csv' || ext === '.txt' || ext === '') return 'csv';
  throw new IntakeFileError('NOT_A_SPREADSHEET', `不支持的文件类型 ${ext}：只能导入 .xlsx 或 .csv 文件`);
}

function rowsOf(format: SheetFormat, open: () => Readable, limits: ImportLimits): () => AsyncGenerator<SheetRow> {
  return async function* rows() {
    const stream = open();
    try {
      yield* format === 'xlsx' ? readXlsxRows(stream, limits) : readCsvRows(stream, limits);
    } finally {
      stream.destroy();
    }
  };
}

/**
 * Opens a file for import: it must exist, hold something, and be an .xlsx or a CSV. An .xlsx's
 * zip is checked against the limits first (checkXlsxZip); rows and cells are checked as they stream.
 */
export async function openSheet(file: IntakeFile, limits: ImportLimits = importLimits()): Promise<SheetSource> {
  if ('buffer' in file) {
    if (file.buffer.length === 0) throw new IntakeFileError('EMPTY', '文件为空');
    const format = formatOf(file.filename, file.buffer.subarray(0, 4096));
    const buffer = file.buffer;
    if (format === 'xlsx') {
      await checkXlsxZip(
        async (position, length) => buffer.subarray(position, Math.min(buffer.length, position + length)),
        buffer.length,
        limits,
      );
    }
    return {
      format,
      name: path.basename(file.filename),
      rows: rowsOf(format, () => Readable.from(slices(buffer)), limits),
    };
  }
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file.path);
  } catch {
    throw new IntakeFileError('NOT_FOUND', `文件不存在或无法打开：${file.path}`);
  }
  if (!stat.isFile()) throw new IntakeFileError('NOT_FOUND', `不是文件：${file.path}`);
  if (stat.size === 0) throw new IntakeFileError('EMPTY', '文件为空');
  const handle = await fs.promises.open(file.path, 'r');
  const head = Buffer.alloc(Math.min(4096, stat.size));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const format = formatOf(file.path, head);
  if (format === 'xlsx') {
    const zip = await fs.promises.open(file.path, 'r');
    try {
      const readAt = async (position: number, length: number) => {
        const bytes = Buffer.alloc(Math.max(0, Math.min(length, stat.size - position)));
        const { bytesRead } = await zip.read(bytes, 0, bytes.length, position);
        return bytes.subarray(0, bytesRead);
      };
      await checkXlsxZip(readAt, stat.size, limits);
    } finally {
      await zip.close();
    }
  }
  return {
    format,
    name: path.basename(file.path),
    rows: rowsOf(format, () => fs.createReadStream(file.path, { highWaterMark: CHUNK }), limits),
  };
}
