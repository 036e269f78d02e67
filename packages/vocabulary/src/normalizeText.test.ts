import { normalizeText } from './normalizeText';

describe('normalizeText', () => {
  it('folds full-width characters and drops spaces and zero-width characters', () => {
    expect(normalizeText(' ４１０９２８\u200B１０１　')).toBe('410928101');
    expect(normalizeText('四级（中级工）')).toBe('四级(中级工)');
    expect(normalizeText('濮阳县 柳屯镇\t')).toBe('濮阳县柳屯镇');
  });
});
