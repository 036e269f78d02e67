import { parseCellDate } from './parseCellDate';

describe('parseCellDate', () => {
  it.each([
    [new Date(Date.UTC(2023, 4, 1)), '2023-05-01'],
    [new Date(Date.UTC(2023, 4, 1, 13, 30)), '2023-05-01'],
    [45047, '2023-05-01'],
    [45047.75, '2023-05-01'],
    ['45047', '2023-05-01'],
    [20230501, '2023-05-01'],
    ['20230501', '2023-05-01'],
    ['2023/5/1', '2023-05-01'],
    ['2023/05/01 0:00:00', '2023-05-01'],
    ['2023-05-01', '2023-05-01'],
    ['2023-5-1', '2023-05-01'],
    ['2023.5.1', '2023-05-01'],
    ['2023年5月1日', '2023-05-01'],
    ['2023年05月01日', '2023-05-01'],
    ['２０２３年５月１日', '2023-05-01'],
    [' 2023-05-01T00:00:00Z ', '2023-05-01'],
    [61, '1900-03-01'],
    [36526, '2000-01-01'],
    ['2023.5.6.', '2023-05-06'],
    ['2023年5月6号', '2023-05-06'],
    ['二〇二三年五月六日', '2023-05-06'],
    ['二〇二三年十二月三十一日', '2023-12-31'],
  ])('%p → %s', (input, expected) => {
    expect(parseCellDate(input)).toEqual({ ok: true, value: expected, rule: expect.stringMatching(/^(exact|synonym)$/) });
  });

  it('says which writings are the standard ones', () => {
    expect(parseCellDate('2023-05-01')).toMatchObject({ rule: 'exact' });
    expect(parseCellDate(new Date(Date.UTC(2023, 4, 1)))).toMatchObject({ rule: 'exact' });
    expect(parseCellDate('2023/5/1')).toMatchObject({ rule: 'synonym' });
  });

  it.each([
    ['2023.05', '2023-05-01'],
    ['2023-5', '2023-05-01'],
    ['2023年5月', '2023-05-01'],
    ['２０２３年１１月', '2023-11-01'],
    ['202305', '2023-05-01'],
    [2023.05, '2023-05-01'],
    [2023.12, '2023-12-01'],
    [2023.5, '2023-05-01'],
  ])('a month without its day, %p, is read loosely as %s', (input, expected) => {
    expect(parseCellDate(input)).toEqual({ ok: true, value: expected, rule: 'loose' });
  });

  it.each([
    ['2023-02-30'],
    ['2023年13月1日'],
    ['20231301'],
    ['5/1/2023'],
    ['2023.13'],
    [2023.1],
    ['二〇二三年十三月一日'],
    ['明年'],
    [''],
    [true],
    [-3],
    [1e9],
  ])('%p is refused with a reason', (input) => {
    const parsed = parseCellDate(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/日期/);
  });
});
