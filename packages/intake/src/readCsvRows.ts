import { CsvRecordParser, detectDelimiter } from './CsvRecordParser';
import { IntakeFileError } from './IntakeFileError';
import { ImportLimits, importLimits } from './importLimits';
import { cellTooLong, columnLetters, tooManyRows } from './readXlsxRows';
import type { SheetRow } from './SheetRow';

/** Enough bytes to see the header row, which names columns in Chinese and so settles UTF-8 against GB18030. */
const SAMPLE_BYTES = 64 * 1024;

/** The encoding of a CSV: a BOM says so; otherwise UTF-8 if the sample is valid UTF-8, else GB18030 (Excel's “CSV” in China). */
export function detectEncoding(sample: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    // stream: true lets a character cut off at the end of the sample pass.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Rows of a CSV, decoded and parsed as the bytes arrive; every record counts as a row, blank ones too. */
export async function* readCsvRows(chunks: AsyncIterable<Buffer>, limits: ImportLimits = importLimits()): AsyncGenerator<SheetRow> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let ended = false;
  while (headBytes < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const sample = Buffer.concat(head);
  const encoding = detectEncoding(sample);
  // A UTF-8 file is decoded strictly: a file that turns out to mix encodings is refused rather than read as mojibake.
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const decode = (bytes?: Buffer): string => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new IntakeFileError(
        'BAD_ENCODING',
        'CSV 文件编码无法识别：前部为 UTF-8，后部不是，请在 Excel 中重新“另存为 CSV UTF-8”后再导入',
      );
    }
  };
  const first = decode(sample);
  // A record may wait for more input up to a few cells' worth; an unclosed quote must not hold the file.
  const parser = new CsvRecordParser(detectDelimiter(first.replace(/^\uFEFF/, '')), limits.maxCellChars * 4 + 64 * 1024);
  let number = 0;
  const push = (text: string): string[][] => {
    try {
      return parser.push(text);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new IntakeFileError(
        'CELL_TOO_LONG',
        `第 ${number + 1} 行过长（可能有未闭合的引号或超过 ${limits.maxCellChars} 个字符的单元格），拒绝导入`,
      );
    }
  };
  const emit = function* (records: string[][]): Generator<SheetRow> {
    for (const record of records) {
      number += 1;
      if (number > limits.maxRows) throw tooManyRows(limits.maxRows);
      const cells = record.map((cell, i) => {
        if (cell.length > limits.maxCellChars) throw cellTooLong(number, columnLetters(i + 1), limits.maxCellChars);
        return cell === '' ? null : cell;
      });
      yield { number, cells };
    }
  };
  yield* emit(push(first));
  if (!ended) {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      yield* emit(push(decode(next.value)));
    }
  }
  yield* emit(push(decode()));
  yield* emit(parser.finish());
}
