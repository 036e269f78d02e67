import { institutionKey } from './institutionKey';

describe('institutionKey', () => {
  it('matches an institution written with spaces, full-width forms, quotes or lower case', () => {
    const key = institutionKey('濮阳县蓝天职业培训学校（PX-01）');
    for (const written of [
      ' 濮阳县 蓝天职业培训学校(PX-01)',
      '濮阳县蓝天职业培训学校\u3000（ｐｘ－０１）',
      '“濮阳县蓝天职业培训学校”(px-01)\u200b',
    ]) {
      expect(institutionKey(written)).toBe(key);
    }
  });

  it('keeps different institutions apart and has no key for an empty text', () => {
    expect(institutionKey('濮阳县蓝天职业培训学校')).not.toBe(institutionKey('濮阳县蓝天职业技能培训学校'));
    expect(institutionKey(' \u3000 ')).toBeNull();
    expect(institutionKey(null)).toBeNull();
  });
});
