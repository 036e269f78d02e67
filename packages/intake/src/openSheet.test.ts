import { IntakeFileError } from './IntakeFileError';
import { openSheet } from './openSheet';

async function codeOf(buffer: Buffer, filename: string): Promise<string | undefined> {
  try {
    const source = await openSheet({ buffer, filename });
    for await (const _row of source.rows()) break;
    return undefined;
  } catch (error) {
    if (error instanceof IntakeFileError) return error.code;
    throw error;
  }
}

describe('openSheet', () => {
  it('refuses what is not a spreadsheet, with a reason a clerk can act on', async () => {
    expect(await codeOf(Buffer.alloc(0), 'a.xlsx')).toBe('EMPTY');
    expect(await codeOf(Buffer.from('plain text, not a zip'), 'a.xlsx')).toBe('NOT_A_SPREADSHEET');
    expect(await codeOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls')).toBe('UNSUPPORTED_FORMAT');
    expect(await codeOf(Buffer.from('%PDF-1.7\n\0\0binary'), 'a.pdf')).toBe('NOT_A_SPREADSHEET');
    expect(await codeOf(Buffer.from('a,b\n'), 'a.docx')).toBe('NOT_A_SPREADSHEET');
    // A zip that is cut off: exceljs fails, and the failure is a file error, not a crash.
    expect(await codeOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]), 'a.xlsx')).toBe('NOT_A_SPREADSHEET');
  });

  it('reads a CSV by content when the name has no extension', async () => {
    const source = await openSheet({ buffer: Buffer.from('姓名,身份证号\n'), filename: 'upload' });
    expect(source.format).toBe('csv');
  });

  it('says a missing file is missing', async () => {
    await expect(openSheet({ path: '/nonexistent/证书.xlsx' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
