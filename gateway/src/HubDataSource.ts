import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
// The enum's value is needed at run time; @apollo/gateway's index exports only the types.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, Principal, principalKey, requestPath, signCall } from '@hub/auth';
import { departmentFromSlug, departmentLabels } from '@hub/vocabulary';
import type { GatewayContext } from './GatewayContext';
import { EntityBatcher, EntityBatcherOptions } from './entityBatches';
import { hasSideEffects } from './sharedReads';
import { CallSigner, LeanResponse, RETRYABLE_HEADER, SignedInit } from './undiciFetcher';

type DataSourceOptions = ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0];
type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;
/** A fetch of a query plan, made for a client's request (its context is the request's). */
type OperationFetch = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION }>;

/**
 * The signer of one subgraph call for a principal: the header is made by the fetcher from the exact
 * method, URL and body it sends, per attempt (see CallSigner), for this subgraph only.
 */
export function callSigner(principal: Principal, key: Buffer, audience: string): CallSigner {
  return {
    who: principalKey(principal),
    header: PRINCIPAL_HEADER,
    sign: (method, url, body) => signCall(principal, key, { audience, method, path: requestPath(url), body }),
  };
}

/** Reads may be retried once on a refused connection and may share an identical call in flight; writes never. */
const isMutation = (query: string) => /^\s*mutation\b/.test(query);

/** Apollo's own parser of a subgraph's cache-control header (its module is not exported). */
function parseCacheControlHeader(header: string | null | undefined): Record<string, string | true> {
  const cc: Record<string, string | true> = {};
  if (!header) return cc;
  for (const part of header.trim().split(/\s*,\s*/)) {
    const [k, v] = part.split(/\s*=\s*/, 2);
    cc[k] = v === undefined ? true : v.replace(/^"|"$/g, '');
  }
  return cc;
}

/**
 * Calls one department subgraph with the caller's verified identity in a header signed for that one
 * call (subgraphs refuse anything unsigned, signed for another call, or seen before) and the request
 * id, so logs line up across services. When the department cannot answer, the error names it; the other departments' data still comes back.
 *
 * Query-plan fetches take a lean path (`process` below) that does what RemoteGraphQLDataSource does
 * without building a node-fetch Headers and a node-fetch Request for every subgraph call (the stock
 * path makes both, the Request only to pass it to error hooks); health checks and schema loading
 * keep the stock path. Entity fetches of concurrent requests by the same principal may travel in one
 * call (see entityBatches): that call carries the first request's id; writes and audited reads never join one.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly label: string;
  private readonly batcher: EntityBatcher<OperationFetch, GatewayGraphQLResponse> | undefined;

  constructor(
    options: DataSourceOptions,
    private readonly signingKey: Buffer,
    private readonly subgraph: string,
    batching?: EntityBatcherOptions,
  ) {
    super(options);
    const department = departmentFromSlug(subgraph);
    this.label = department ? departmentLabels[department] : subgraph;
    this.batcher =
      batching &&
      new EntityBatcher((first, representations) => this.send(first, { ...first.request.variables, representations }), batching);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION || !options.context?.principal) return super.process(options);
    const { request, context } = options;
    const query = request.query;
    if (!query) throw new Error('Missing query');
    const { representations, ...others } = request.variables ?? {};
    const result =
      this.batcher && Array.isArray(representations) && !isMutation(query) && !hasSideEffects(query)
        ? await this.batcher.load(
            // Only calls that would be identical but for their representations go together: one principal, one operation.
            `${principalKey(context.principal)}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(others)}\u0000${query}`,
            representations as unknown[],
            options,
          )
        : await this.send(options, request.variables);
    // As RemoteGraphQLDataSource.respond: the subgraph's cache-control narrows the answer's cache policy.
    // The gateway interface types the policy `any`; the part used here is its GatewayCachePolicy.restrict.
    const policy = options.incomingRequestContext.overallCachePolicy as
      { restrict(hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' }): void } | undefined;
    if (this.honorSubgraphCacheControlHeader && policy && 'restrict' in policy) {
      const parsed = parseCacheControlHeader((result.http as LeanResponse | undefined)?.headers.get('cache-control'));
      const hint: { maxAge: number; scope?: 'PRIVATE' | 'PUBLIC' } = { maxAge: 0 };
      const maxAge = parsed['max-age'];
      if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = +maxAge;
      if (parsed['private'] === true) hint.scope = 'PRIVATE';
      if (parsed['public'] === true) hint.scope = 'PUBLIC';
      policy.restrict(hint);
    }
    return result;
  }

  /** One call to the subgraph: the request of `options` with these variables, signed for the caller's principal. */
  private async send(options: OperationFetch, variables: Record<string, unknown> | undefined): Promise<GatewayGraphQLResponse> {
    const { request, context } = options;
    const headers: Record<string, string> = {};
    // Only set when Apollo asks subgraphs for federated traces, which the hub does not use.
    if (request.http?.headers) for (const [name, value] of request.http.headers) headers[name] = value;
    headers['content-type'] = 'application/json';
    if (context.requestId) headers['x-request-id'] = context.requestId;
    if (!isMutation(request.query!)) headers[RETRYABLE_HEADER] = '1';
    const body = JSON.stringify({
      query: request.query,
      variables,
      operationName: request.operationName,
      extensions: request.extensions,
    });

    let response: LeanResponse | undefined;
    try {
      // The fetcher (createUndiciFetcher) signs the bytes it sends, for this subgraph, per attempt.
      const init: SignedInit = { method: 'POST', headers, body, signer: callSigner(context.principal, this.signingKey, this.subgraph) };
      response = await this.fetcher(this.url, init);
      // `as never` ×3: Apollo types these hooks for node-fetch's Response; our LeanResponse has every member they read.
      if (!response.ok) throw await this.errorFromResponse(response as never);
      const parsed = await this.parseBody(response as never);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error(`Expected JSON response body, but received: ${String(parsed)}`);
      return { ...(parsed as GatewayGraphQLResponse), http: response as never };
    } catch (error) {
      // The stock hook receives the node-fetch Request; ours never looks at it.
      this.didEncounterError(error as Error, undefined, response);
      throw error;
    }
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }): void {
    if (response && response.status !== undefined && response.status < 500) throw error;
    const timedOut = error.name === 'TimeoutError' || /timeout/i.test(error.message);
    throw new GraphQLError(
      `${this.label}数据暂时不可用${timedOut ? '（响应超时）' : ''}，其余部门的数据照常返回 (${this.subgraph} unavailable)`,
      {
        extensions: {
          code: 'DEPARTMENT_UNAVAILABLE',
          department: departmentFromSlug(this.subgraph) ?? this.subgraph,
          serviceName: this.subgraph,
        },
      },
    );
  }
}
