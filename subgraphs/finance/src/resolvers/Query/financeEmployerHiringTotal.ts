import { demand } from '@hub/auth';
import { todayIso } from '@hub/subgraph-kit';
import { financeAccess } from '../../access';
import type { FinanceContext } from '../../FinanceContext';

/**
 * Query.financeEmployerHiringTotal: what an employer has been paid over all years (the cap is cumulative,
 * 累计), against the cap in force at the end of `year` (default: today).
 */
export async function financeEmployerHiringTotal(_: unknown, args: { employerCode: string; year?: number | null }, ctx: FinanceContext) {
  demand(financeAccess.readAggregates(ctx.principal), ctx.principal, '查看单位补助合计');
  const employerCode = args.employerCode.trim().toUpperCase();
  const total = await ctx.claims.employerTotal(employerCode);
  const today = todayIso();
  const year = args.year ?? Number(today.slice(0, 4));
  const yearEnd = `${year}-12-31`;
  const cap = (await ctx.ruleRepository.inForce('HIRING', yearEnd < today ? yearEnd : today)).get('CAP_PER_EMPLOYER')?.amountFen ?? null;
  const totalFen = total?.totalFen ?? 0;
  return { employerCode, year, totalFen, capFen: cap, remainingFen: cap === null ? null : Math.max(0, cap - totalFen), claims: total?.claims ?? 0 };
}
