import type { HrssContext } from '../../HrssContext';

/** Mutation.syncHolderIndex: pull every feed now, then report each department's state. */
export async function syncHolderIndex(_: unknown, __: unknown, ctx: HrssContext) {
  await ctx.sync.syncAll();
  return ctx.progress.completeness();
}
