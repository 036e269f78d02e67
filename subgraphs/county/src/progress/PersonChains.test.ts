import { PersonChains } from './PersonChains';

describe('PersonChains', () => {
  it('keeps each column at its own width, across growth and reuse of freed rows', () => {
    const chains = new PersonChains([Int8Array, Int32Array]);
    for (let p = 0; p < 3000; p++) chains.replace(p, [p % 100, 20_260_000 + p, -1, 20_250_101]);
    chains.replace(7, [5, 20_261_126]);
    const rows = (p: number) => {
      const out: number[][] = [];
      for (let r = chains.first(p); r !== -1; r = chains.after(r)) out.push([chains.column(0)[r], chains.column(1)[r]]);
      return out;
    };
    expect(rows(2999)).toEqual([
      [99, 20_262_999],
      [-1, 20_250_101],
    ]);
    expect(rows(7)).toEqual([[5, 20_261_126]]);
    expect(chains.column(0)).toBeInstanceOf(Int8Array);
  });

  it('refuses a value too wide for its column rather than storing it wrapped', () => {
    const chains = new PersonChains([Int8Array, Int16Array]);
    expect(() => chains.replace(0, [128, 1])).toThrow(RangeError);
    expect(() => chains.replace(0, [1, 40_000])).toThrow(RangeError);
    chains.replace(0, [127, 32_767]);
    expect(chains.column(1)[chains.first(0)]).toBe(32_767);
  });
});
