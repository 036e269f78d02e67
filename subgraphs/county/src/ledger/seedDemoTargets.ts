import { channelPlanKey, departmentFromSlug, planTargets, townships, trainingChannels } from '@hub/vocabulary';
import type { Department } from '@hub/vocabulary';
import type { AnnualTargetService } from './AnnualTargetService';

const DEMO = { subject: 'demo-county', role: 'COUNTY_ADMIN' };
const REASON = '演示县数据 demo county (HUB_DEMO)';
/** From the plan's first year on, like the plan's own figures. */
const FROM_YEAR = 2022;

/**
 * The demo county's targets where the plan gives none, so that the 调度 page and workbook have township ratios and a
 * split of the social channel to show: each township a share of the demo county's persons, each partner department
 * an equal part of the social channel. Deterministic; written once (a county whose office has entered a township
 * target is left alone).
 */
export async function seedDemoTargets(targets: AnnualTargetService, demoPersons: number): Promise<boolean> {
  const book = await targets.book(2025);
  if (book.rows().some((r) => r.township !== null)) return false;
  const list = townships();
  for (const [i, township] of list.entries()) {
    // 0.8 … 1.2 of an even share of 90 % of the demo persons: some townships ahead, some behind.
    const value = Math.max(1, Math.round(((demoPersons * 0.9) / list.length) * (0.8 + ((i * 7) % 9) * 0.05)));
    await targets.set({ year: FROM_YEAR, measure: 'HOLDERS', township: township.code, value, reason: REASON }, DEMO);
  }
  for (const channel of trainingChannels) {
    const plan = planTargets().annualChannels.find((c) => c.key === channelPlanKey[channel]);
    const partners = (plan?.partners ?? []).map((slug) => departmentFromSlug(slug)).filter((d): d is Department => !!d);
    const lead = plan ? departmentFromSlug(plan.lead) : undefined;
    const shares = [...(lead ? [lead] : []), ...partners].filter((d, i, all) => all.indexOf(d) === i);
    if (!plan || shares.length < 2) continue;
    for (const department of shares) {
      for (const [measure, total] of [
        ['TRAINED', plan.trained],
        ['CERTIFIED', plan.certified],
        ['CERTIFIED_SENIOR_OR_ABOVE', plan.certifiedSeniorOrAbove],
      ] as const) {
        await targets.set(
          { year: FROM_YEAR, measure, department, channel, value: Math.round(total / shares.length), reason: REASON },
          DEMO,
        );
      }
    }
  }
  return true;
}
