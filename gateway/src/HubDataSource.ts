import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { PRINCIPAL_HEADER, signPrincipal } from '@hub/auth';
import type { GatewayContext } from './GatewayContext';

type SendOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];

/**
 * Calls one department subgraph with the caller's verified identity in a signed header (subgraphs
 * refuse anything unsigned) and the request id, so logs line up across services.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly signingKey: Buffer,
  ) {
    super(options);
  }

  override willSendRequest({ request, context }: SendOptions): void {
    if (!context?.principal) return;
    request.http?.headers.set(PRINCIPAL_HEADER, signPrincipal(context.principal, this.signingKey));
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}
