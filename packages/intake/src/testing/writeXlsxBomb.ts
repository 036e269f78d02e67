import { once } from 'node:events';
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface XlsxBombOptions {
  /** Characters of the one cell (A1 of the first sheet). */
  cellChars: number;
  /** The sheet's size to declare in the zip's headers (default: the truth). */
  declaredSheetBytes?: number;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
  '<row r="1"><c r="A1" t="inlineStr"><is><t>';
const SHEET_TAIL = '</t></is></c></row></sheetData></worksheet>';

interface Part {
  name: string;
  crc: number;
  size: number;
  declared: number;
  deflated: Buffer;
}

async function part(name: string, pieces: Iterable<Buffer>, declared?: number): Promise<Part> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    crc = zlib.crc32(piece, crc);
    size += piece.length;
    if (!deflate.write(piece)) await once(deflate, 'drain');
  }
  deflate.end();
  await done;
  return { name, crc, size, declared: declared ?? size, deflated: Buffer.concat(out) };
}

function* repeated(head: string, chars: number, tail: string): Generator<Buffer> {
  yield Buffer.from(head);
  const block = Buffer.alloc(1024 * 1024, 'A');
  for (let left = chars; left > 0; left -= block.length) yield left >= block.length ? block : block.subarray(0, left);
  yield Buffer.from(tail);
}

/**
 * Writes a small .xlsx whose one cell inflates to `cellChars` characters (256 MB of 'A' deflate to
 * about 250 KB), optionally declaring a smaller size than the truth, as a zip bomb would. Memory:
 * one 1 MB block at a time, plus the deflated output.
 */
export async function writeXlsxBomb(file: string, options: XlsxBombOptions): Promise<void> {
  const parts = [
    await part('[Content_Types].xml', [Buffer.from(CONTENT_TYPES)]),
    await part('_rels/.rels', [Buffer.from(ROOT_RELS)]),
    await part('xl/workbook.xml', [Buffer.from(WORKBOOK)]),
    await part('xl/_rels/workbook.xml.rels', [Buffer.from(WORKBOOK_RELS)]),
    await part('xl/worksheets/sheet1.xml', repeated(SHEET_HEAD, options.cellChars, SHEET_TAIL), options.declaredSheetBytes),
  ];
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.declared, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, p.deflated);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.deflated.length, 20);
    entry.writeUInt32LE(p.declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...chunks, cd, end]));
}
