import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createContractEnv } from '@hub/subgraph-kit/src/testing';
import { IntakeFileError } from './IntakeFileError';
import { ImportLimits, importLimits } from './importLimits';
import { openSheet } from './openSheet';
import { readCsvRows } from './readCsvRows';
import { readXlsxRows } from './readXlsxRows';
import { writeXlsxBomb } from './testing/writeXlsxBomb';

const MB = 1024 * 1024;
const root = path.resolve(__dirname, '../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-limits-'));
const bomb = path.join(dir, 'bomb.xlsx');
const liar = path.join(dir, 'liar.xlsx');

async function refusal(work: () => Promise<unknown>): Promise<IntakeFileError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof IntakeFileError) return error;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

async function drain(rows: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of rows) n += 1;
  return n;
}

const limits = (more: Partial<ImportLimits>): ImportLimits => ({ ...importLimits({}), ...more });

beforeAll(async () => {
  await writeXlsxBomb(bomb, { cellChars: 256 * MB });
  await writeXlsxBomb(liar, { cellChars: 256 * MB, declaredSheetBytes: 4096 });
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a zip bomb (.xlsx whose one cell inflates to 256 MB)', () => {
  it('is a small file', () => {
    expect(fs.statSync(bomb).size).toBeLessThan(400 * 1024);
  });

  it('is refused from its declared size before anything is inflated', async () => {
    const error = await refusal(() => openSheet({ path: bomb }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('200 MB');
  });

  it('declaring a small size, is refused while inflating: its bytes are counted, not trusted', async () => {
    const error = await refusal(() => openSheet({ buffer: fs.readFileSync(liar), filename: 'liar.xlsx' }));
    expect(error.code).toBe('NOT_A_SPREADSHEET');
    expect(error.message).toContain('超过其声明的大小');
  });

  it('is refused by the streaming reader on its own, at the cell, without holding it or leaving the copy exceljs made of the sheet', async () => {
    // exceljs copies a sheet read before the shared strings to tmp-<pid>-… in the temporary folder.
    const copies = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));
    const before = copies();
    const error = await refusal(() => drain(readXlsxRows(fs.createReadStream(bomb), limits({}))));
    expect(error.code).toBe('CELL_TOO_LONG');
    expect(copies()).toEqual(before);
  });

  it('through `npm run import` with the size cap raised out of the way, is refused with peak RSS under 300 MB', async () => {
    const contract = createContractEnv({ HUB_IMPORT_MAX_UNZIPPED_MB: '2048' });
    try {
      // node with tsx's loader (not the tsx CLI, which forks): the measured process is the import itself.
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(root, 'scripts/import.ts'), '--department', 'education', '--file', bomb, '--dry-run'],
        {
          cwd: root,
          env: contract.env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let peakKb = 0;
      const sample = () => {
        try {
          const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
          peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        } catch {
          // exited
        }
      };
      const timer = setInterval(sample, 10);
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      clearInterval(timer);
      expect(stderr).toContain('CELL_TOO_LONG');
      expect(code).toBe(1);
      expect(peakKb).toBeGreaterThan(0);
      expect(peakKb / 1024).toBeLessThan(300);
    } finally {
      await contract.cleanup('education');
    }
  }, 120_000);
});

describe('cell and row limits while streaming', () => {
  const csv = (text: string) => Readable.from([Buffer.from(text)]);

  it('refuses a CSV cell longer than the limit, naming row and column', async () => {
    const error = await refusal(() => drain(readCsvRows(csv(`姓名,身份证号\n张三,${'x'.repeat(101)}\n`), limits({ maxCellChars: 100 }))));
    expect([error.code, error.message]).toEqual(['CELL_TOO_LONG', expect.stringContaining('第 2 行 B 列')]);
  });

  it('refuses a CSV whose quote never closes once the pending record passes its bound, without reading it all', async () => {
    async function* endless() {
      yield Buffer.from('姓名,备注\n张三,"');
      for (let i = 0; i < 10_000; i++) yield Buffer.alloc(64 * 1024, 'y');
      throw new Error('read too far');
    }
    const error = await refusal(() => drain(readCsvRows(endless(), limits({ maxCellChars: 1000 }))));
    expect(error.code).toBe('CELL_TOO_LONG');
  });

  it('refuses rows beyond the limit, CSV and xlsx alike', async () => {
    const rows = ['姓名,身份证号', ...Array.from({ length: 10 }, (_, i) => `人${i},1`)].join('\n');
    expect(await drain(readCsvRows(csv(rows), limits({ maxRows: 11 })))).toBe(11);
    expect((await refusal(() => drain(readCsvRows(csv(rows), limits({ maxRows: 10 }))))).code).toBe('TOO_MANY_ROWS');

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    for (const line of rows.split('\n')) sheet.addRow(line.split(','));
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const source = await openSheet({ buffer, filename: 'rows.xlsx' }, limits({ maxRows: 10 }));
    expect((await refusal(() => drain(source.rows()))).message).toContain('10 行');
    const long = new ExcelJS.Workbook();
    long.addWorksheet('s').addRow(['姓名', 'z'.repeat(2000)]);
    const longSource = await openSheet(
      { buffer: Buffer.from(await long.xlsx.writeBuffer()), filename: 'long.xlsx' },
      limits({ maxCellChars: 1000 }),
    );
    expect((await refusal(() => drain(longSource.rows()))).code).toBe('CELL_TOO_LONG');
  });

  it('reads the limits from the environment and refuses nonsense there', () => {
    expect(importLimits({ HUB_IMPORT_MAX_ROWS: '500', HUB_IMPORT_MAX_UNZIPPED_MB: '1.5' })).toMatchObject({
      maxRows: 500,
      maxUnzippedBytes: 1.5 * MB,
    });
    expect(() => importLimits({ HUB_IMPORT_MAX_CELL_CHARS: '-1' })).toThrow(/HUB_IMPORT_MAX_CELL_CHARS/);
  });
});
