import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

/** The parts of exceljs 4.4's WorkbookReader that the fix below overrides (not in its typings). */
interface ReaderInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
}

/**
 * Bytes decoded at a time. A 64 KB chunk of Chinese XML decodes to a two-byte string of up to 128 KB,
 * which V8 puts in large-object space, freed only by full collections: 100,000 rows of them is what
 * drove peak RSS. Strings from 16 KB slices stay in the young generation and die there.
 */
const SLICE_BYTES = 16 * 1024;

/** Decodes UTF-8 across chunk boundaries (a Chinese character is 3 bytes and often straddles two chunks). */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    for (let i = 0; i < chunk.length; i += SLICE_BYTES) yield decoder.decode(chunk.subarray(i, i + SLICE_BYTES), { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => ReaderInternals;

/**
 * exceljs 4.4's streaming reader decodes every chunk of XML on its own (lib/utils/parse-sax.js with
 * browser-buffer-decode.js: TextDecoder.decode(chunk) without {stream: true}), so a character cut
 * between two chunks becomes two U+FFFD: 职业技能 turns into 职业技��. Its SAX step passes strings
 * through unchanged, so this subclass hands it every part already decoded.
 */
class Utf8WorkbookReader extends Base {
  _parseRels(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseRels(entry);
  }

  _parseWorkbook(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseWorkbook(entry);
  }

  _parseStyles(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseStyles(entry);
  }

  _parseSharedStrings(entry: Readable) {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return super._parseWorksheet(decodeUtf8(iterator), sheetNo);
  }
}

/** exceljs's streaming WorkbookReader, with Chinese text read intact. */
export function createWorkbookReader(input: Readable, options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>): ExcelJS.stream.xlsx.WorkbookReader {
  return new Utf8WorkbookReader(input, options) as unknown as ExcelJS.stream.xlsx.WorkbookReader;
}
