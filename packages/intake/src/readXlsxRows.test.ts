import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readXlsxRows } from './readXlsxRows';

const ROWS = 4000;
const text = (i: number) => `濮阳县第${i}号职业技能等级证书（电工）——柳屯镇`;

async function readAll(buffer: Buffer) {
  const out: unknown[][] = [];
  for await (const row of readXlsxRows(Readable.from([buffer]))) out.push(row.cells);
  return out;
}

describe('readXlsxRows', () => {
  it('reads Chinese text intact across chunk boundaries (shared strings)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('证书');
    for (let i = 0; i < ROWS; i++) sheet.addRow([text(i), i]);
    const rows = await readAll(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(rows).toHaveLength(ROWS);
    rows.forEach((cells, i) => expect(cells[0]).toBe(text(i)));
  });

  it('reads Chinese text intact across chunk boundaries (inline strings, streaming writer)', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false });
    const sheet = workbook.addWorksheet('证书');
    for (let i = 0; i < ROWS; i++) sheet.addRow([text(i), new Date(Date.UTC(2023, 4, 1))]).commit();
    sheet.commit();
    await workbook.commit();
    const rows = await readAll(Buffer.concat(chunks));
    expect(rows.every((cells, i) => cells[0] === text(i))).toBe(true);
  });

  it('reads a workbook whose xl/workbook.xml comes after the worksheet (a zip order some tools write)', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('证书').addRow(['张三', 1]);
    const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
    // Relationships and shared strings first, then the worksheet, the workbook part last.
    const order = (name: string) => (name === 'xl/workbook.xml' ? 3 : name.startsWith('xl/worksheets/') ? 2 : 1);
    const reordered = new JSZip();
    for (const name of Object.keys(zip.files).sort((a, b) => order(a) - order(b))) {
      if (!zip.files[name].dir) reordered.file(name, await zip.files[name].async('nodebuffer'));
    }
    const rows = await readAll(await reordered.generateAsync({ type: 'nodebuffer' }));
    expect(rows).toEqual([['张三', 1]]);
  });

  it('reads only the first worksheet, with rich text, formulas and row numbers as in the file', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('一');
    first.getCell('A1').value = { richText: [{ text: '张' }, { text: '三' }] };
    first.getCell('B3').value = { formula: '1+1', result: 2 };
    workbook.addWorksheet('二').addRow(['不读']);
    const rows: { number: number; cells: unknown[] }[] = [];
    for await (const row of readXlsxRows(Readable.from([Buffer.from(await workbook.xlsx.writeBuffer())]))) rows.push(row);
    expect(rows).toEqual([
      { number: 1, cells: ['张三'] },
      { number: 3, cells: [null, 2] },
    ]);
  });
});
