/**
 * RFC 4180 records from text that arrives in pieces: quoted fields may hold delimiters, doubled
 * quotes and line breaks; LF, CRLF and CR end a record. Text after a closing quote is kept, as Excel does.
 */
export class CsvRecordParser {
  private rest = '';

  /** `maxPending`: the longest record that may wait for more input (a quote never closed would otherwise hold the whole file). */
  constructor(
    private readonly delimiter: string = ',',
    private readonly maxPending = Infinity,
  ) {}

  /** Complete records in the text so far; a record cut off at the end waits for the next piece. */
  push(text: string): string[][] {
    const records = this.parse(this.rest + text, false);
    if (this.rest.length > this.maxPending) throw new RangeError(`a record longer than ${this.maxPending} characters`);
    return records;
  }

  /** The records left at the end of the input. */
  finish(): string[][] {
    return this.parse(this.rest, true);
  }

  private parse(s: string, final: boolean): string[][] {
    const records: string[][] = [];
    let pos = 0;
    while (pos < s.length) {
      const next = this.record(s, pos, final, records);
      if (next < 0) break;
      pos = next;
    }
    this.rest = s.slice(pos);
    return records;
  }

  /** First index at or after i of the delimiter or a line break, or -1. */
  private stop(s: string, i: number): number {
    const d = this.delimiter.charCodeAt(0);
    for (let k = i; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === d || c === 10 || c === 13) return k;
    }
    return -1;
  }

  /** Parses one record at i into records; returns the index after it, or -1 when more input is needed. */
  private record(s: string, start: number, final: boolean, records: string[][]): number {
    const fields: string[] = [];
    const n = s.length;
    let i = start;
    for (;;) {
      let value: string;
      if (s.charCodeAt(i) === 34 /* " */) {
        value = '';
        let j = i + 1;
        for (;;) {
          const k = s.indexOf('"', j);
          if (k < 0) {
            if (!final) return -1;
            fields.push(value + s.slice(j));
            records.push(fields);
            return n;
          }
          if (k + 1 >= n && !final) return -1;
          if (s.charCodeAt(k + 1) === 34) {
            value += `${s.slice(j, k)}"`;
            j = k + 2;
            continue;
          }
          value += s.slice(j, k);
          i = k + 1;
          break;
        }
        const e = this.stop(s, i);
        if (e < 0) {
          if (!final) return -1;
          fields.push(value + s.slice(i));
          records.push(fields);
          return n;
        }
        value += s.slice(i, e);
        i = e;
      } else {
        const e = this.stop(s, i);
        if (e < 0) {
          if (!final) return -1;
          fields.push(s.slice(i));
          records.push(fields);
          return n;
        }
        value = s.slice(i, e);
        i = e;
      }
      fields.push(value);
      const c = s.charCodeAt(i);
      if (c === this.delimiter.charCodeAt(0)) {
        i += 1;
        if (i >= n) {
          if (!final) return -1;
          fields.push('');
          records.push(fields);
          return n;
        }
        continue;
      }
      if (c === 13 /* \r */) {
        if (i + 1 >= n && !final) return -1;
        i += s.charCodeAt(i + 1) === 10 ? 2 : 1;
      } else {
        i += 1;
      }
      records.push(fields);
      return i;
    }
  }
}

/** The delimiter of a CSV from its first line: comma unless tabs or semicolons are clearly what separates it. */
export function detectDelimiter(sample: string): string {
  const end = sample.search(/[\r\n]/);
  const line = (end < 0 ? sample : sample.slice(0, end)).replace(/"[^"]*"/g, '');
  const count = (ch: string) => line.split(ch).length - 1;
  const candidates: [string, number][] = [
    [',', count(',')],
    ['\t', count('\t')],
    [';', count(';')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0][1] > 0 ? candidates[0][0] : ',';
}
