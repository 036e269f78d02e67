import { CsvRecordParser, detectDelimiter } from './CsvRecordParser';
import { detectEncoding, readCsvRows } from './readCsvRows';

function parseInPieces(text: string, size: number): string[][] {
  const parser = new CsvRecordParser();
  const out: string[][] = [];
  for (let i = 0; i < text.length; i += size) out.push(...parser.push(text.slice(i, i + size)));
  out.push(...parser.finish());
  return out;
}

async function* chunks(buffer: Buffer, size: number) {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}

async function rows(buffer: Buffer, size = 7) {
  const out = [];
  for await (const row of readCsvRows(chunks(buffer, size))) out.push(row);
  return out;
}

describe('CsvRecordParser', () => {
  const text = 'a,"b,1","c ""q"""\r\n"multi\nline",,x\r\n\r\nlast,row';
  const expected = [['a', 'b,1', 'c "q"'], ['multi\nline', '', 'x'], [''], ['last', 'row']];

  it('parses quotes, doubled quotes, embedded line breaks and blank records', () => {
    expect(parseInPieces(text, text.length)).toEqual(expected);
  });

  it('gives the same records however the text is cut', () => {
    for (const size of [1, 2, 3, 5, 8]) expect(parseInPieces(text, size)).toEqual(expected);
  });

  it('ends a record at LF, CRLF or CR and keeps a trailing empty field', () => {
    expect(parseInPieces('a,b\nc,d\re,\n', 2)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', ''],
    ]);
  });

  it('detects tab and semicolon delimiters', () => {
    expect(detectDelimiter('姓名\t身份证号\t证书编号\n')).toBe('\t');
    expect(detectDelimiter('姓名;身份证号;证书编号')).toBe(';');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('姓名,身份证号')).toBe(',');
  });
});

describe('readCsvRows', () => {
  const text = '标题\n姓名,身份证号\n张三,410928199005120312\n';

  it('reads UTF-8 with and without a BOM', async () => {
    for (const buffer of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      expect(detectEncoding(buffer)).toBe('utf-8');
      expect((await rows(buffer)).map((r) => r.cells)).toEqual([['标题'], ['姓名', '身份证号'], ['张三', '410928199005120312']]);
    }
  });

  it('reads GB18030 (what Excel saves as CSV in China), even cut inside a character', async () => {
    // 张三,1 in GB18030/GBK.
    const gbk = Buffer.from([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a]);
    expect(detectEncoding(gbk)).toBe('gb18030');
    for (const size of [1, 3]) expect((await rows(gbk, size)).map((r) => r.cells)).toEqual([['张三', '1']]);
  });

  it('numbers rows by record and keeps empty cells as null', async () => {
    const out = await rows(Buffer.from('a,b\n\n,c\n'));
    expect(out).toEqual([
      { number: 1, cells: ['a', 'b'] },
      { number: 2, cells: [null] },
      { number: 3, cells: [null, 'c'] },
    ]);
  });
});
