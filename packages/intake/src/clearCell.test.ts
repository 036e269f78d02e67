import { isClearCell } from './clearCell';

describe('isClearCell', () => {
  it('reads （清空） with full- or half-width brackets and stray spaces as a clear', () => {
    expect(isClearCell('（清空）')).toBe(true);
    expect(isClearCell(' (清空) ')).toBe(true);
    expect(isClearCell('（ 清空 ）')).toBe(true);
  });

  it('reads empty cells and ordinary values as no clear', () => {
    for (const value of [null, '', '清空', '城关镇', 0, true, new Date('2024-01-01')]) expect(isClearCell(value)).toBe(false);
  });
});
