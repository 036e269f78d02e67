import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import client from 'prom-client';
import type { RouteHandler } from './RouteHandler';

export type { Registry } from 'prom-client';

/** Prometheus metrics of one service: HTTP requests, GraphQL operations, plus Node's defaults. */
export interface ServiceMetrics {
  registry: client.Registry;
  httpRequests: client.Counter<'route' | 'status'>;
  httpDuration: client.Histogram<'route'>;
  operations: client.Counter<'operation' | 'outcome'>;
  operationDuration: client.Histogram<'operation'>;
  /** GET /metrics in the Prometheus text format. */
  handler: RouteHandler;
  /** Apollo Server plugin counting operations by name and outcome. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
}

const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

export function createMetrics(service: string): ServiceMetrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });
  const httpRequests = new client.Counter({
    name: 'hub_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new client.Histogram({
    name: 'hub_http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const operations = new client.Counter({
    name: 'hub_graphql_operations_total',
    help: 'GraphQL operations by name and outcome (ok, error)',
    labelNames: ['operation', 'outcome'] as const,
    registers: [registry],
  });
  const operationDuration = new client.Histogram({
    name: 'hub_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  return {
    registry,
    httpRequests,
    httpDuration,
    operations,
    operationDuration,
    handler: async (_req, res) => {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    },
    plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
      return {
        async requestDidStart() {
          const started = process.hrtime.bigint();
          return {
            async willSendResponse(ctx) {
              // Unnamed operations share one label; names are bounded by the operations clients ship.
              const operation = (ctx.operationName ?? ctx.operation?.name?.value ?? 'anonymous').slice(0, 64);
              const failed = ctx.response.body.kind === 'single' && (ctx.response.body.singleResult.errors?.length ?? 0) > 0;
              operations.inc({ operation, outcome: failed ? 'error' : 'ok' });
              operationDuration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
            },
          };
        },
      };
    },
  };
}
