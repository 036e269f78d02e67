import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, signPrincipal } from '@hub/auth';
import { departmentFromSlug, departmentLabels } from '@hub/vocabulary';
import type { GatewayContext } from './GatewayContext';
import { RETRYABLE_HEADER } from './undiciFetcher';

type SendOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];
type DataSourceOptions = ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0];

/**
 * Calls one department subgraph with the caller's verified identity in a signed header (subgraphs
 * refuse anything unsigned) and the request id, so logs line up across services. When the
 * department cannot answer, the error names it; the other departments' data still comes back.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly label: string;

  constructor(
    options: DataSourceOptions,
    private readonly signingKey: Buffer,
    private readonly subgraph: string,
  ) {
    super(options);
    const department = departmentFromSlug(subgraph);
    this.label = department ? departmentLabels[department] : subgraph;
  }

  override willSendRequest({ request, context }: SendOptions): void {
    if (!context?.principal) return;
    request.http?.headers.set(PRINCIPAL_HEADER, signPrincipal(context.principal, this.signingKey));
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
    // Reads may be retried once on a refused connection; writes never are.
    if (!/^\s*mutation\b/.test(request.query ?? '')) request.http?.headers.set(RETRYABLE_HEADER, '1');
  }

  override didEncounterError(error: Error, _request: unknown, response?: { status?: number }): void {
    if (response && response.status !== undefined && response.status < 500) throw error;
    const timedOut = error.name === 'TimeoutError' || /timeout/i.test(error.message);
    throw new GraphQLError(`${this.label}数据暂时不可用${timedOut ? '（响应超时）' : ''}，其余部门的数据照常返回 (${this.subgraph} unavailable)`, {
      extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: departmentFromSlug(this.subgraph) ?? this.subgraph, serviceName: this.subgraph },
    });
  }
}
