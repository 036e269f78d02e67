import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GatewayContext } from './GatewayContext';

/** Calls one department subgraph, carrying the request id so logs line up across services. */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]): void {
    if (context?.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}
