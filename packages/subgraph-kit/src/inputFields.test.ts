import { InputError } from './errors';
import { occupationFilterCodeOf, townshipCodeOf } from './inputFields';

/** The lookups every resolver and service shares, so a township or occupation is refused in the same words everywhere. */
describe('townshipCodeOf', () => {
  it('reads a township by name or statistics code', () => {
    const code = townshipCodeOf('柳屯镇');
    expect(code).toMatch(/^\d{9}$/);
    expect(townshipCodeOf(code)).toBe(code);
  });

  it.each(['不存在乡', '', '濮阳县', "柳屯镇'; --"])('refuses %p with UNKNOWN_TOWNSHIP on the field it was given', (written) => {
    let error: unknown;
    try {
      townshipCodeOf(written, 'filter.township');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'UNKNOWN_TOWNSHIP', field: 'filter.township' });
    expect((error as Error).message).toBe(`乡镇“${written}”不是濮阳县的乡镇，请填写乡镇名称或统计代码`);
  });
});

describe('occupationFilterCodeOf', () => {
  it('takes an occupation or a group of them, and refuses what is not in the catalogue', () => {
    expect(occupationFilterCodeOf('6-31-01-03')).toBe('6-31-01-03');
    expect(() => occupationFilterCodeOf('不存在的工种', 'filter.occupation')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_OCCUPATION', field: 'filter.occupation' }),
    );
  });
});
