import { demand, may } from '@hub/auth';
import type { CountyContext } from '../../CountyContext';

/** Mutation.syncHolderIndex: pull every feed now (on another replica than the leader: catch up with it), then report each department's state. */
export async function syncHolderIndex(_: unknown, __: unknown, ctx: CountyContext) {
  demand(may.runSync(ctx.principal), ctx.principal, '触发持证索引同步');
  await ctx.syncNow();
  return ctx.progress.completeness();
}
