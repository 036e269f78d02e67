import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from './GatewayContext';

/**
 * Query fields that do something besides reading: the full ID number, whose every reveal is written to
 * the audit log. A request that contains one is never shared, at the gateway or toward a subgraph, so
 * each reveal is audited.
 */
const SIDE_EFFECT_FIELDS = /\bidNumber\s*\(/;

/** True when a text (an operation, or a request body carrying one) asks for a field with side effects. */
export function hasSideEffects(text: string): boolean {
  return SIDE_EFFECT_FIELDS.test(text);
}

/** True when an operation's text may be answered for several identical requests at once. */
export function mayShare(query: string): boolean {
  return !/^\s*mutation\b/.test(query) && !hasSideEffects(query);
}

/**
 * Identical queries by the same caller that arrive while the first is still running wait for its
 * answer instead of being planned, fetched and shaped again: twenty dashboards polling countyProgress
 * with one token at the same moment cost one execution. "Identical" is the same principal (subject,
 * role, department), the same document, operation name and variables; mutations and the audited ID
 * reveal never share. A waiting request gets the first one's formatted result (data and errors); if
 * that one ends without a single result, the waiting request runs on its own.
 * HUB_SHARE_IDENTICAL_QUERIES=0 turns this off.
 */
export function shareIdenticalQueries(): ApolloServerPlugin<GatewayContext> {
  const inflight = new Map<string, Promise<FormattedExecutionResult | undefined>>();
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<GatewayContext>> {
      let leading: { key: string; settle: (result: FormattedExecutionResult | undefined) => void } | undefined;
      return {
        async responseForOperation(ctx) {
          const principal = ctx.contextValue.principal;
          if (ctx.operation?.operation !== 'query' || !principal || !ctx.source || !mayShare(ctx.source)) return null;
          const key = `${principal.role}\u0000${principal.department ?? ''}\u0000${principal.subject}\u0000${ctx.queryHash}\u0000${ctx.operationName ?? ''}\u0000${JSON.stringify(ctx.request.variables ?? {})}`;
          const first = inflight.get(key);
          if (!first) {
            let settle!: (result: FormattedExecutionResult | undefined) => void;
            inflight.set(key, new Promise((resolve) => (settle = resolve)));
            leading = { key, settle };
            return null;
          }
          const result = await first;
          return result ? { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } } : null;
        },
        async willSendResponse(ctx) {
          if (!leading) return;
          inflight.delete(leading.key);
          leading.settle(ctx.response.body.kind === 'single' ? ctx.response.body.singleResult : undefined);
        },
      };
    },
  };
}
