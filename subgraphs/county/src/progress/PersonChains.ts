/** A column's integers: as narrow as its values allow (a department id needs a byte, a date four). */
export type IntColumn = Int8Array<ArrayBuffer> | Int16Array<ArrayBuffer> | Int32Array<ArrayBuffer>;
export type IntColumnType = Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor;

/**
 * Rows of fixed integer columns, chained per person: `head[p]` is a person's first row, `next[r]` the row after
 * `r` (-1 ends a chain). A person's rows are replaced as a whole; freed rows are reused. Everything lives in typed
 * arrays, so half a million rows cost a few megabytes and nothing for the garbage collector to walk; each column
 * as narrow as its values (the model's memory per person is a target: docs/scaling.md).
 */
export class PersonChains {
  private head = new Int32Array(1024).fill(-1);
  private next = new Int32Array(1024);
  private readonly columns: IntColumn[];
  private readonly width: number;
  private free = -1;
  private used = 0;

  constructor(types: readonly IntColumnType[]) {
    this.width = types.length;
    this.columns = types.map((Type) => new Type(1024));
  }

  /** The first row of person `p`, or -1. */
  first(p: number): number {
    return p < this.head.length ? this.head[p] : -1;
  }

  /** The row after `row` in its person's chain, or -1. */
  after(row: number): number {
    return this.next[row];
  }

  /** Column `c` of all rows (index it by row). */
  column(c: number): IntColumn {
    return this.columns[c];
  }

  /** Replaces person `p`'s rows; `values` holds `width` integers per row. */
  replace(p: number, values: ArrayLike<number>): void {
    this.clear(p);
    for (let i = values.length - this.width; i >= 0; i -= this.width) {
      const row = this.allocate();
      for (let c = 0; c < this.width; c++) {
        const column = this.columns[c];
        column[row] = values[i + c];
        // A value too wide for its column would be stored wrapped and counted under another key.
        if (column[row] !== values[i + c]) throw new RangeError(`column ${c} cannot hold ${values[i + c]}`);
      }
      this.next[row] = this.head[p];
      this.head[p] = row;
    }
  }

  private clear(p: number): void {
    if (p >= this.head.length) this.head = grow(this.head, p + 1, -1);
    for (let row = this.head[p]; row !== -1;) {
      const following = this.next[row];
      this.next[row] = this.free;
      this.free = row;
      row = following;
    }
    this.head[p] = -1;
  }

  private allocate(): number {
    if (this.free !== -1) {
      const row = this.free;
      this.free = this.next[row];
      return row;
    }
    if (this.used === this.next.length) {
      this.next = grow(this.next, this.used + 1, 0);
      for (let c = 0; c < this.width; c++) this.columns[c] = grow(this.columns[c], this.used + 1, 0);
    }
    return this.used++;
  }
}

function grow<T extends IntColumn>(array: T, atLeast: number, fill: number): T {
  let length = array.length;
  while (length < atLeast) length *= 2;
  const out = new (array.constructor as new (length: number) => T)(length);
  out.set(array);
  if (fill !== 0) out.fill(fill, array.length);
  return out;
}

/** Small integer ids for repeated strings (townships, occupations, talent categories). */
export class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];

  /** The id of a value seen before, or undefined. */
  find(value: string): number | undefined {
    return this.ids.get(value);
  }

  id(value: string | null): number {
    if (value === null) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}
