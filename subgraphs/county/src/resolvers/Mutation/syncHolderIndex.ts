import { demand, may } from '@hub/auth';
import type { CountyContext } from '../../CountyContext';

/** Mutation.syncHolderIndex: pull every feed now, then report each department's state. */
export async function syncHolderIndex(_: unknown, __: unknown, ctx: CountyContext) {
  demand(may.runSync(ctx.principal), ctx.principal, '触发持证索引同步');
  await ctx.sync.syncAll();
  return ctx.progress.completeness();
}
