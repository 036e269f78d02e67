import { demand, may } from '@hub/auth';
import { decodeCursor, encodeCursor, InputError, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, fieldErrors } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { QueryAuditLogArgs } from '../../generated/resolvers';

/** Query.auditLog: every reveal of a full ID number in any department, newest first. */
export function auditLog(_: unknown, args: QueryAuditLogArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readAuditLog(ctx.principal), ctx.principal, '查看身份证号查看审计记录');
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw new InputError('BAD_PAGE_SIZE', 'first', `每页条数须在 0 到 ${MAX_PAGE_SIZE} 之间，收到 ${first}`);
    }
    let after: { at: string; department: string; seq: number } | undefined;
    if (args.after) {
      const [at, department, seq] = decodeCursor(args.after).split('|');
      after = { at, department, seq: Number(seq) };
    }
    const page = await ctx.audit.page({ personId: args.personId ?? undefined }, first, after);
    const edges = page.rows.map((row) => ({
      cursor: encodeCursor(`${row.at}|${row.department}|${row.seq}`),
      node: { ...row, person: { id: row.personId } },
    }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
      totalCount: page.totalCount,
    };
  });
}
