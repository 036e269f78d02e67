import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { close, createHttpService, createLogger, listen, Logger, RouteHandler, sendJson, serviceBaseUrl, servicePort } from '@hub/runtime';
import type { GatewayContext } from './GatewayContext';
import { HubDataSource } from './HubDataSource';
import { createUndiciFetcher } from './undiciFetcher';

export const defaultSupergraphPath = path.join(__dirname, '..', 'supergraph.graphql');

export interface Gateway {
  log: Logger;
  apollo: ApolloServer<GatewayContext>;
  http: http.Server;
  listen(port?: number): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The county's one endpoint: Apollo Gateway over the committed supergraph
 * (HUB_SUPERGRAPH for another file). Subgraph URLs come from the file unless HUB_<SLUG>_URL is set.
 */
export function createGateway(env: NodeJS.ProcessEnv = process.env): Gateway {
  const log = createLogger('gateway', env);
  const supergraphSdl = fs.readFileSync(env.HUB_SUPERGRAPH || defaultSupergraphPath, 'utf8');
  const subgraphFetch = createUndiciFetcher({ timeoutMs: Number(env.HUB_SUBGRAPH_TIMEOUT_MS || 10_000) });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const override = env[`HUB_${name.toUpperCase().replace(/-/g, '_')}_URL`] || env[`HUB_${name.toUpperCase().replace(/-/g, '_')}_PORT`];
      return new HubDataSource({ url: override ? `${serviceBaseUrl(name, env)}/graphql` : url, fetcher: subgraphFetch.fetcher as never });
    },
  });
  const apollo = new ApolloServer<GatewayContext>({ gateway, includeStacktraceInErrorResponses: env.NODE_ENV !== 'production' });

  const health: RouteHandler = (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' });
  const server = createHttpService<GatewayContext>({
    log,
    routes: { 'GET /health': health },
    graphql: { server: apollo, context: async (_req, requestId) => ({ requestId, log: log.child({ requestId }) }) },
  });

  return {
    log,
    apollo,
    http: server,
    async listen(port?: number) {
      await apollo.start();
      const actual = await listen(server, port ?? servicePort('gateway', env), env.HUB_HOST || '127.0.0.1');
      log.info({ port: actual }, `gateway listening on http://127.0.0.1:${actual}/graphql`);
      return actual;
    },
    async stop() {
      await close(server);
      await apollo.stop();
      await subgraphFetch.close();
    },
  };
}
