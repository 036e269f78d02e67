import { directedMark } from './IndexWriter';

describe('directedMark', () => {
  it('takes the mark from the department’s directedKind field, not from the programme name', () => {
    expect(directedMark({ programme: '教师培训', directedKind: 'ORDER' }, null)).toBe(1);
    expect(directedMark({ programme: '教师培训', directedKind: 'TARGETED' }, 0)).toBe(1);
    expect(directedMark({ programme: '订单式定向培训', directedKind: null }, 1)).toBe(0);
  });

  it('keeps the stored mark for a change written before the field existed, and claims none without one', () => {
    expect(directedMark({ programme: '订单式定向培训' }, 1)).toBe(1);
    expect(directedMark({ programme: '教师培训' }, 0)).toBe(0);
    expect(directedMark({ programme: '订单式定向培训' }, null)).toBeNull();
  });
});
