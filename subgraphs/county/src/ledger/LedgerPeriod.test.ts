import { parseLedgerPeriod, shareOfYearElapsed } from './LedgerPeriod';

describe('parseLedgerPeriod', () => {
  it('reads the four periods of plan 三(二) with their first and last days', () => {
    expect(parseLedgerPeriod('2025-M06')).toMatchObject({
      kind: 'MONTH',
      key: '2025-M06',
      from: '2025-06-01',
      to: '2025-06-30',
      label: '2025年6月',
    });
    expect(parseLedgerPeriod(' 2024-m2 ')).toMatchObject({ kind: 'MONTH', key: '2024-M02', from: '2024-02-01', to: '2024-02-29' });
    expect(parseLedgerPeriod('2025-06')).toMatchObject({ key: '2025-M06' });
    expect(parseLedgerPeriod('2025-q2')).toMatchObject({
      kind: 'QUARTER',
      key: '2025-Q2',
      firstMonth: 4,
      lastMonth: 6,
      label: '2025年第二季度',
    });
    expect(parseLedgerPeriod('２０２５-H2')).toMatchObject({
      kind: 'HALF',
      key: '2025-H2',
      from: '2025-07-01',
      to: '2025-12-31',
      label: '2025年下半年',
    });
    expect(parseLedgerPeriod('2025')).toMatchObject({ kind: 'YEAR', key: '2025', from: '2025-01-01', to: '2025-12-31' });
  });

  it.each(['', '2025-M13', '2025-M00', '2025-Q5', '2025-Q0', '2025-H3', '25-Q1', '2025Q1', '1999', '2025-W10', '2025-06-01', 'DROP TABLE'])(
    'refuses %p',
    (text) => {
      expect(() => parseLedgerPeriod(text)).toThrow(/期间|月份|季度|半年|年份/);
    },
  );
});

describe('shareOfYearElapsed', () => {
  it('counts days to the end of the date, over the days of that year', () => {
    expect(shareOfYearElapsed(2025, '2025-06-30')).toBeCloseTo(181 / 365, 12);
    expect(shareOfYearElapsed(2024, '2024-06-30')).toBeCloseTo(182 / 366, 12);
    expect(shareOfYearElapsed(2025, '2025-12-31')).toBe(1);
    expect(shareOfYearElapsed(2025, '2024-12-31')).toBe(0);
    expect(shareOfYearElapsed(2025, '2026-03-01')).toBe(1);
  });
});
