import { demand, may } from '@hub/auth';
import { decodeCursor, InputError, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, encodeCursor, fieldErrors, townshipCodeOf } from '@hub/subgraph-kit';
import type { CountyContext } from '../../CountyContext';
import type { QueryPeopleArgs } from '../../generated/resolvers';

/** Query.people: persons known to the county (to department staff: their department's), keyset-paginated by person id. */
export function people(_: unknown, args: QueryPeopleArgs, ctx: CountyContext) {
  return fieldErrors(async () => {
    demand(may.readPersonRecords(ctx.principal), ctx.principal, '浏览人员名单');
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw new InputError('BAD_PAGE_SIZE', 'first', `每页条数须在 0 到 ${MAX_PAGE_SIZE} 之间，收到 ${first}`);
    }
    const townshipCode = args.filter?.township ? townshipCodeOf(args.filter.township, 'filter.township') : undefined;
    // Department staff list only the persons their own department holds records for.
    const scope = may.peopleScope(ctx.principal);
    const asked = args.filter?.department ?? undefined;
    if (scope && asked && asked !== scope) demand(false, ctx.principal, '浏览其他部门的人员名单');
    const after = args.after ? decodeCursor(args.after) : undefined;
    const page = await ctx.masters.page({ townshipCode, department: scope ?? asked }, first, after);
    for (const row of page.rows) ctx.loaders.personMaster.prime(row.personId, row);
    const edges = page.rows.map((row) => ({ cursor: encodeCursor(row.personId), node: { id: row.personId } }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
      totalCount: page.totalCount,
    };
  });
}
