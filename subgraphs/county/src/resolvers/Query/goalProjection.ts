import { demand, may } from '@hub/auth';
import { fieldErrors, todayIso } from '@hub/subgraph-kit';
import { planTargets } from '@hub/vocabulary';
import type { CountyContext } from '../../CountyContext';
import { ledgerPublisher } from '../../ledger/ProgressLedgerService';
import { PROJECTION_METHOD, projectGoal, yearBefore } from '../../progress/projectGoal';
import { headline, headlineFields } from '../CountyProgress';
import type { QueryGoalProjectionArgs } from '../../generated/resolvers';

/** The plan's 2025 goals that are counts the index holds (shares and the office's inputs are left out). */
const countyGoals = [
  'certificateHolders',
  'skilledTalents',
  'midHighSkilledTalents',
  'trainingPersonTimes',
  'newlyCertified',
  'newHighSkilled',
] as const satisfies readonly (keyof typeof headlineFields)[];

/**
 * Query.goalProjection: at the last 12 months' pace, when each 2025 goal of the county and each department's
 * annual targets would be reached. Every count is published as the caller's countyProgress and ledger are
 * (restricted callers: month ends and the cell-key method), so the projection tells no more than they do.
 */
export function goalProjection(_: unknown, args: QueryGoalProjectionArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readAggregates(ctx.principal), ctx.principal, '查看目标预测');
    const disclosure = ctx.disclosure();
    const asOf = disclosure.asOf(args.asOf ?? todayIso());
    const before = yearBefore(asOf);
    const [now, then] = await Promise.all([ctx.progress.figures(asOf), ctx.progress.figures(before)]);
    const deadline = planTargets().period.to;
    const county = countyGoals.flatMap((key) => {
      const current = headline(now, key, disclosure);
      if (current.target === null) return [];
      const previous = headline(then, key, disclosure);
      return [
        projectGoal(
          {
            key,
            label: current.label,
            target: current.target,
            value: current.value,
            lastTwelveMonths: current.value - previous.value,
            deadline,
          },
          asOf,
        ),
      ];
    });
    const departments = (await ctx.ledger.departmentProjection(asOf, ledgerPublisher(disclosure))).map((d) => ({
      ...d,
      goals: d.goals.map((g) => projectGoal(g, asOf)),
    }));
    return { asOf, method: PROJECTION_METHOD, county, departments };
  });
}
