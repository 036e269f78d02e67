import { skippableRow } from './skippableRow';

describe('skippableRow', () => {
  it('passes over blank, comment, totals and signature rows, not data', () => {
    expect(skippableRow([null, '  ', ''], 1)).toBe('blank');
    expect(skippableRow(['#示例 张三', '410928199005120312'], 1)).toBe('comment');
    expect(skippableRow([null, '＃ 注释'], 1)).toBe('comment');
    expect(skippableRow(['合计', null, null, 120], 1)).toBe('totals');
    expect(skippableRow([null, '总 计：', 3], 1)).toBe('totals');
    expect(skippableRow(['小计'], 1)).toBe('totals');
    expect(skippableRow(['填表人：张三', null, '审核人：李四'], 1)).toBe('footer');
    expect(skippableRow(['张三', '410928199005120312'], 1)).toBeUndefined();
    // A signature-like first cell with an ID number is data (and will fail validation if wrong).
    expect(skippableRow(['备注', '410928199005120312'], 1)).toBeUndefined();
  });
});
