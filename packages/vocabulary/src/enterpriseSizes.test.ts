import { enterpriseSizeClasses, enterpriseSizeLabels, isSmallOrMedium } from './enterpriseSizes';

describe('enterprise size classes', () => {
  it('counts medium, small and micro enterprises as 中小微 and a large one not', () => {
    expect(enterpriseSizeClasses.filter(isSmallOrMedium)).toEqual(['MEDIUM', 'SMALL', 'MICRO']);
  });

  it('refuses a value outside the vocabulary rather than paying it', () => {
    // A value outside the type, as untyped input can bring.
    expect(isSmallOrMedium('HUGE' as never)).toBe(false);
  });

  it('labels every class in Chinese', () => {
    expect(enterpriseSizeClasses.map((s) => enterpriseSizeLabels[s])).toEqual(['大型', '中型', '小型', '微型']);
  });
});
