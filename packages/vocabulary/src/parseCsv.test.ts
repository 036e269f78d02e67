import { parseCsv } from './parseCsv';

describe('parseCsv', () => {
  it('splits plain rows on commas and CRLF or LF', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('4,"焊工,氩弧焊工","say ""hi""","two\r\nlines"\r\n')).toEqual([['4', '焊工,氩弧焊工', 'say "hi"', 'two\r\nlines']]);
  });

  it('keeps empty fields and a last row without a line break', () => {
    expect(parseCsv('a,,""\nb,c')).toEqual([
      ['a', '', ''],
      ['b', 'c'],
    ]);
  });

  it('ignores a byte-order mark', () => {
    expect(parseCsv('\uFEFFlevel,code\n')).toEqual([['level', 'code']]);
  });

  it('rejects a quoted field that never closes', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(SyntaxError);
  });
});
