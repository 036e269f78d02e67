import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { hubSecretsFromEnv, Principal } from '@hub/auth';
import { close, createHttpService, createLogger, isProduction, listen, Logger, RouteHandler, sendJson, serviceBaseUrl, servicePort } from '@hub/runtime';
import { createAuthenticator } from './authenticate';
import { createFormatError } from './formatError';
import type { GatewayContext } from './GatewayContext';
import { HubDataSource } from './HubDataSource';
import { aliasLimitRule, costLimitRule, defaultLimits, depthLimitRule } from './limits/operationLimits';
import { RateLimiter } from './limits/RateLimiter';
import { createUndiciFetcher } from './undiciFetcher';

export const defaultSupergraphPath = path.join(__dirname, '..', 'supergraph.graphql');

export interface Gateway {
  log: Logger;
  apollo: ApolloServer<GatewayContext>;
  http: http.Server;
  listen(port?: number): Promise<number>;
  stop(): Promise<void>;
}

const num = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

/**
 * The county's one endpoint: Apollo Gateway over the committed supergraph (HUB_SUPERGRAPH for
 * another file), with JWT authentication, operation limits and a per-client rate limit.
 * Subgraph URLs come from the file unless HUB_<SLUG>_URL or HUB_<SLUG>_PORT is set.
 */
export function createGateway(env: NodeJS.ProcessEnv = process.env): Gateway {
  const log = createLogger('gateway', env);
  const production = isProduction(env);
  const secrets = hubSecretsFromEnv(env, (message) => log.warn(message));
  const supergraphSdl = fs.readFileSync(env.HUB_SUPERGRAPH || defaultSupergraphPath, 'utf8');
  const subgraphFetch = createUndiciFetcher({ timeoutMs: num(env.HUB_SUBGRAPH_TIMEOUT_MS, 10_000) });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const key = name.toUpperCase().replace(/-/g, '_');
      const override = env[`HUB_${key}_URL`] || env[`HUB_${key}_PORT`];
      return new HubDataSource({ url: override ? `${serviceBaseUrl(name, env)}/graphql` : url, fetcher: subgraphFetch.fetcher as never }, secrets.signingKey);
    },
  });
  const limits = {
    maxDepth: num(env.HUB_MAX_DEPTH, defaultLimits.maxDepth),
    maxAliases: num(env.HUB_MAX_ALIASES, defaultLimits.maxAliases),
    maxCost: num(env.HUB_MAX_COST, defaultLimits.maxCost),
  };
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: num(env.HUB_MAX_TOKENS, 4000) },
    validationRules: [depthLimitRule(limits.maxDepth), aliasLimitRule(limits.maxAliases), costLimitRule(limits.maxCost)],
    formatError: createFormatError(production),
    plugins: production ? [ApolloServerPluginLandingPageDisabled()] : [],
  });

  const limiter = new RateLimiter(num(env.HUB_RATE_LIMIT_PER_SECOND, 50), num(env.HUB_RATE_LIMIT_BURST, 200));
  const health: RouteHandler = (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' });
  const server = createHttpService<GatewayContext>({
    log,
    maxBodyBytes: num(env.HUB_MAX_BODY_BYTES, 64 * 1024),
    authenticate: createAuthenticator(secrets.jwt, limiter),
    routes: { 'GET /health': health },
    graphql: {
      server: apollo,
      context: async (_req, requestId, principal) => ({ requestId, principal: principal as Principal, log: log.child({ requestId }) }),
    },
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
