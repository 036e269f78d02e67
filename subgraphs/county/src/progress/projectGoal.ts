/** How the projection is made, stated with every answer. */
export const PROJECTION_METHOD =
  '线性外推：以统计日前12个月的增量（统计日的数值减去一年前同日的数值；部门为前12个月的培训人次和取证人数）作为今后每天的速度，推算达到目标的日期。未计季节性和政策变化，仅供调度参考。 Linear: the last 12 months’ increase, per day, carried forward from the as-of date.';

export interface GoalInput {
  key: string;
  label: string;
  target: number;
  value: number;
  /** What the last 12 months added. */
  lastTwelveMonths: number;
  /** The date the goal is due, e.g. 2025-12-31. */
  deadline: string;
}

export interface ProjectedGoal extends GoalInput {
  /** The last 12 months' increase over 12: the pace carried forward. */
  perMonth: number;
  reached: boolean;
  /** When the goal is met at that pace; null when it is already met or the pace is nil. */
  projectedDate: string | null;
  /** Met, or projected on or before the deadline. */
  onTime: boolean;
}

/** Past this, a projected date says nothing: the pace is as good as nil. */
const HORIZON_DAYS = 100 * 366;

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** When a goal is reached if the last 12 months' increase goes on at the same daily rate from `asOf`. */
export function projectGoal(goal: GoalInput, asOf: string): ProjectedGoal {
  const perMonth = goal.lastTwelveMonths / 12;
  if (goal.value >= goal.target) return { ...goal, perMonth, reached: true, projectedDate: null, onTime: true };
  const yearDays = (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${yearBefore(asOf)}T00:00:00Z`)) / 86_400_000;
  const perDay = goal.lastTwelveMonths / yearDays;
  const days = perDay > 0 ? Math.ceil((goal.target - goal.value) / perDay) : Infinity;
  const projectedDate = days <= HORIZON_DAYS ? addDays(asOf, days) : null;
  return { ...goal, perMonth, reached: false, projectedDate, onTime: projectedDate !== null && projectedDate <= goal.deadline };
}

/** The same day a year earlier (29 February → 28 February). */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${y - 1}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
