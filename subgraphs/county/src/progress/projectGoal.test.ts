import { projectGoal, yearBefore } from './projectGoal';

const goal = { key: 'g', label: '目标', target: 1000, value: 400, lastTwelveMonths: 365, deadline: '2025-12-31' };

describe('projectGoal', () => {
  it('carries the last 12 months’ daily increase forward from the as-of date', () => {
    // 365 a year over the 365 days to 2025-06-30: one a day, 600 to go.
    const p = projectGoal(goal, '2025-06-30');
    expect(p).toMatchObject({ reached: false, projectedDate: '2027-02-20', onTime: false, perMonth: 365 / 12 });
    expect(projectGoal({ ...goal, lastTwelveMonths: 3650 }, '2025-06-30')).toMatchObject({ projectedDate: '2025-08-29', onTime: true });
  });

  it('says a goal already met is reached, and gives no date when nothing was added', () => {
    expect(projectGoal({ ...goal, value: 1000 }, '2025-06-30')).toMatchObject({ reached: true, projectedDate: null, onTime: true });
    expect(projectGoal({ ...goal, lastTwelveMonths: 0 }, '2025-06-30')).toMatchObject({
      reached: false,
      projectedDate: null,
      onTime: false,
    });
    expect(projectGoal({ ...goal, lastTwelveMonths: -50 }, '2025-06-30')).toMatchObject({ projectedDate: null, onTime: false });
    expect(projectGoal({ ...goal, lastTwelveMonths: 1, target: 10_000_000 }, '2025-06-30').projectedDate).toBeNull();
  });
});

describe('yearBefore', () => {
  it('goes back one calendar year, 29 February to 28 February', () => {
    expect(yearBefore('2025-06-30')).toBe('2024-06-30');
    expect(yearBefore('2024-02-29')).toBe('2023-02-28');
  });
});
