import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './loadExcelJs';
import { IntakeFileError } from './IntakeFileError';

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

/**
 * Refuses XML whose SAX step would have to hold a long token: the text between two '<' is one tag
 * (attribute values cannot hold '<') or one text node, so counting it bounds every string the
 * parser builds — a cell that inflates to 256 MB is refused after `maxRun` characters, not held.
 * CDATA sections may hold '<' and are never written by Excel or WPS: refused.
 */
class TokenGuard {
  private run = 0;
  private tail = '';
  /** Escapes such as &amp; make the XML of a cell up to 6 times longer than the cell. */
  private readonly maxRun: number;

  constructor(private readonly maxCellChars: number) {
    this.maxRun = maxCellChars * 6 + 4096;
  }

  check(text: string): string {
    if ((this.tail + text).includes('<![CDATA['))
      throw new IntakeFileError(
        'NOT_A_SPREADSHEET',
        'xlsx 文件含有 CDATA 段，不是 Excel 或 WPS 保存的工作簿；请在 Excel 或 WPS 中打开后重新保存再导入',
      );
    this.tail = text.slice(-8);
    let from = 0;
    for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
      if (this.run + (at - from) > this.maxRun) this.refuse();
      this.run = 0;
      from = at + 1;
    }
    this.run += text.length - from;
    if (this.run > this.maxRun) this.refuse();
    return text;
  }

  private refuse(): never {
    throw new IntakeFileError(
      'CELL_TOO_LONG',
      `文件中有单元格超过 ${this.maxCellChars} 个字符，拒绝导入（可能是异常文件）；请检查粘贴了大段文字的单元格`,
    );
  }
}

/** Decodes UTF-8 across chunk boundaries (a Chinese character is 3 bytes and often straddles two chunks). */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>, guard: TokenGuard): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      yield guard.check(chunk);
      continue;
    }
    for (let i = 0; i < chunk.length; i += SLICE_BYTES)
      yield guard.check(decoder.decode(chunk.subarray(i, i + SLICE_BYTES), { stream: true }));
  }
  const rest = decoder.decode();
  if (rest) yield guard.check(rest);
}

/**
 * exceljs 4.4's streaming reader decodes every chunk of XML on its own (lib/utils/parse-sax.js with
 * browser-buffer-decode.js: TextDecoder.decode(chunk) without {stream: true}), so a character cut
 * between two chunks becomes two U+FFFD: 职业技能 turns into 职业技��. Its SAX step passes strings
 * through unchanged, so this subclass hands it every part already decoded.
 */
function defineReader() {
  // exceljs's typings hide the internals this subclass overrides (ReaderInternals names them).
  const Base = loadExcelJs().stream.xlsx.WorkbookReader as unknown as new (input: Readable, options: object) => ReaderInternals;
  return class Utf8WorkbookReader extends Base {
    /** Set right after construction (the base constructor takes only its own arguments). */
    maxCellChars = Infinity;

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
      // Every shared string is kept in memory: its tokens are bounded as the worksheet's are.
      return super._parseSharedStrings(Readable.from(decodeUtf8(entry, new TokenGuard(this.maxCellChars))));
    }

    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      // exceljs reads a worksheet at once when the relationships and shared strings came before it, and then looks
      // up its name in the workbook part, which may come later in the zip (a writer's order is not fixed): without
      // one it reads `undefined.sheets`. The name is not needed to read the first sheet's rows.
      const self = this as unknown as { model?: { sheets?: unknown[] } };
      self.model ??= { sheets: [] };
      return super._parseWorksheet(decodeUtf8(iterator, new TokenGuard(this.maxCellChars)), sheetNo);
    }
  };
}

/** Defined on first use, like exceljs itself (loadExcelJs). */
let Utf8WorkbookReader: ReturnType<typeof defineReader> | undefined;

/** exceljs's streaming WorkbookReader, with Chinese text read intact, refusing a cell far longer than `maxCellChars` while it streams. */
export function createWorkbookReader(
  input: Readable,
  maxCellChars: number,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): ExcelJS.stream.xlsx.WorkbookReader {
  Utf8WorkbookReader ??= defineReader();
  const reader = new Utf8WorkbookReader(input, options);
  reader.maxCellChars = maxCellChars;
  // The subclass is the exceljs reader; only its typings differ (see defineReader).
  return reader as unknown as ExcelJS.stream.xlsx.WorkbookReader;
}
