import { InputError } from './errors';
import type { Page, PageOf } from './Page';
import type { PageInfo } from './generated/sharedTypes';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
  /** Counted only if the query selects it. */
  totalCount: () => Promise<number>;
}

export function encodeCursor(id: number | string): string {
  return Buffer.from(`c:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('c:')) throw new InputError('BAD_CURSOR', 'after', `分页游标无效: ${cursor}`);
  return text.slice(2);
}

/** `first`/`after` arguments → a keyset page over integer ids. */
export function pageArgs(args: { first?: number | null; after?: string | null }): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new InputError('BAD_PAGE_SIZE', 'first', `每页条数须在 0 到 ${MAX_PAGE_SIZE} 之间，收到 ${first}`);
  }
  if (!args.after) return { first };
  const afterId = Number(decodeCursor(args.after));
  if (!Number.isInteger(afterId)) throw new InputError('BAD_CURSOR', 'after', `分页游标无效: ${args.after}`);
  return { first, afterId };
}

export function toConnection<T>(page: PageOf<T>, idOf: (row: T) => number | string): Connection<T> {
  const edges = page.rows.map((node) => ({ cursor: encodeCursor(idOf(node)), node }));
  return {
    edges,
    nodes: page.rows,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}
