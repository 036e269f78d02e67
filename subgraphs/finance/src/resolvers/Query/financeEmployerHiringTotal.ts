import { cellKeySecret, demand, disclosureFor, financeAccess } from '@hub/auth';
import { tryNormalizeCreditCode } from '@hub/identity';
import { todayIso } from '@hub/subgraph-kit';
import type { FinanceContext } from '../../FinanceContext';
import type { QueryFinanceEmployerHiringTotalArgs } from '../../generated/resolvers';

/**
 * Query.financeEmployerHiringTotal: what an employer has been paid over all years (the cap is cumulative,
 * 累计), against the cap in force at the end of `year` (default: today).
 */
export async function financeEmployerHiringTotal(_: unknown, args: QueryFinanceEmployerHiringTotalArgs, ctx: FinanceContext) {
  demand(financeAccess.readAggregates(ctx.principal), ctx.principal, '查看单位补助合计');
  // Claims since the enterprise register are kept under the canonical credit code; older ones under the code as typed.
  const employerCode = tryNormalizeCreditCode(args.employerCode) ?? args.employerCode.trim().toUpperCase();
  const total = await ctx.claims.employerTotal(employerCode);
  const today = todayIso();
  const year = args.year ?? Number(today.slice(0, 4));
  const yearEnd = `${year}-12-31`;
  const cap = (await ctx.ruleRepository.inForce('HIRING', yearEnd < today ? yearEnd : today)).get('CAP_PER_EMPLOYER')?.amountFen ?? null;
  const exactClaims = total?.claims ?? 0;
  // The claims are persons hired: outside 财政局 and the county administrator they go through the cell-key
  // method, and the amount follows the published claims (it would otherwise give their number away).
  const disclosure = disclosureFor(ctx.principal, cellKeySecret(ctx.identity.keys.personKey), 'FINANCE');
  const claims = disclosure.defined(exactClaims, `finance|employerHiring|${employerCode}`);
  const totalFen =
    exactClaims === 0 || disclosure.exact ? (total?.totalFen ?? 0) : Math.round(((total?.totalFen ?? 0) * claims) / exactClaims);
  return { employerCode, year, totalFen, capFen: cap, remainingFen: cap === null ? null : Math.max(0, cap - totalFen), claims };
}
