import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import client from 'prom-client';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { hubSecretsFromEnv, Principal } from '@hub/auth';
import {
  close,
  stopGraceMs,
  createFormatError,
  createHttpService,
  createLogger,
  createOperatorService,
  createMetrics,
  isProduction,
  listen,
  Logger,
  OperatorService,
  RouteHandler,
  sendJson,
  serviceBaseUrl,
  servicePort,
} from '@hub/runtime';
import { createAuthenticator, trustedProxiesFromEnv } from './authenticate';
import type { GatewayContext } from './GatewayContext';
import { HubDataSource } from './HubDataSource';
import { limitsFromEnv, operationLimitsRule } from './limits/operationLimits';
import { RateLimiter } from './limits/RateLimiter';
import { variableLimitsFromEnv, variableLimitsPlugin } from './limits/variableLimits';
import { shareIdenticalQueries } from './sharedReads';
import { sharedStateFromEnv } from './sharedStateFromEnv';
import { createUndiciFetcher } from './undiciFetcher';
import { webRoutes } from './web/webRoutes';
import { departmentFileRoutes, supergraphServices } from './departmentFileRoutes';

export const defaultSupergraphPath = path.join(__dirname, '..', 'supergraph.graphql');

export interface Gateway {
  log: Logger;
  apollo: ApolloServer<GatewayContext>;
  http: http.Server;
  /** The internal listener of /metrics and /ready in production (null in development: they are on the public port). */
  operator: OperatorService | null;
  listen(port?: number): Promise<number>;
  stop(): Promise<void>;
}

const num = (value: string | undefined, fallback: number) => (value ? Number(value) : fallback);

/**
 * One request's context. Its child logger is made only when something logs (most requests log
 * nothing); the getter sits on the prototype because Apollo copies the context's own properties
 * (Object.assign), which would call an own getter on every request.
 */
class RequestContext implements GatewayContext {
  private child: Logger | undefined = undefined;

  constructor(
    readonly requestId: string,
    readonly principal: Principal,
    private readonly root: Logger,
  ) {}

  get log(): Logger {
    return (this.child ??= this.root.child({ requestId: this.requestId }));
  }
}

/** A subgraph's GraphQL URL: the supergraph's, unless HUB_<SLUG>_URL or HUB_<SLUG>_PORT moves it. */
function subgraphUrl(name: string, url: string, env: NodeJS.ProcessEnv): string {
  const key = name.toUpperCase().replace(/-/g, '_');
  return env[`HUB_${key}_URL`] || env[`HUB_${key}_PORT`] ? `${serviceBaseUrl(name, env)}/graphql` : url;
}

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
  const metrics = createMetrics('gateway');
  // Replicas behind a load balancer share the APQ store and the rate limit in Redis; without
  // HUB_REDIS_URL both stay in this process. The verified-token cache stays per process either way:
  // verifying a token is a local signature check, cheaper than a Redis round trip, and bearer tokens
  // are better not copied into another store.
  const shared = sharedStateFromEnv(env, log);
  // Apollo Gateway reports usage data to Apollo's servers unless told not to (it reads process.env
  // itself): the county's gateway sends nothing abroad unless an operator sets it to false.
  if ((env.APOLLO_TELEMETRY_DISABLED ?? process.env.APOLLO_TELEMETRY_DISABLED) === undefined)
    process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const fetchers: ReturnType<typeof createUndiciFetcher>[] = [];
  const joined = new client.Counter({
    name: 'hub_subgraph_batched_fetches_total',
    help: "Entity fetches sent inside another request's call to the same subgraph (same principal and operation, see entityBatches)",
    labelNames: ['subgraph'] as const,
    registers: [metrics.registry],
  });
  const batchMax = num(env.HUB_SUBGRAPH_BATCH_MAX, 100);
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Apollo shows the query plan (subgraphs, their fields) to any caller sending Apollo-Query-Plan-Experimental
    // unless NODE_ENV=production; HUB_MODE=production must not depend on NODE_ENV for that.
    __exposeQueryPlanExperimental: !production,
    buildService: ({ name, url }) => {
      const key = name.toUpperCase().replace(/-/g, '_');
      const target = subgraphUrl(name, url!, env);
      subgraphUrls.set(name, target);
      // Each department has its own timeout (HUB_<DEPT>_TIMEOUT_MS), so one slow service cannot hold the rest.
      const subgraphFetch = createUndiciFetcher({
        subgraph: name,
        timeoutMs: num(env[`HUB_${key}_TIMEOUT_MS`] ?? env.HUB_SUBGRAPH_TIMEOUT_MS, 5_000),
        retries: num(env.HUB_SUBGRAPH_RETRIES, 1),
        registry: metrics.registry,
        dedupe: env.HUB_SUBGRAPH_DEDUPLICATE !== '0',
      });
      fetchers.push(subgraphFetch);
      // RemoteGraphQLDataSource types its fetcher as node-fetch's; HubDataSource.process calls ours only, with a SignedInit.
      // Entity fetches of concurrent requests go to a department as one call (HUB_SUBGRAPH_BATCH=0 turns this off).
      const batching =
        env.HUB_SUBGRAPH_BATCH !== '0' && batchMax > 1
          ? {
              maxRepresentations: batchMax,
              inFlight: num(env.HUB_SUBGRAPH_BATCH_IN_FLIGHT, 1),
              maxWaitMs: num(env.HUB_SUBGRAPH_BATCH_WAIT_MS, 10),
              onBatch: (callers: number) => joined.inc({ subgraph: name }, callers - 1),
            }
          : undefined;
      return new HubDataSource({ url: target, fetcher: subgraphFetch.fetcher as never }, secrets.signingKey, name, batching);
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // The process's own SIGTERM/SIGINT handler stops everything in order. Apollo's would stop Apollo alone and then
    // kill the process with the same signal, before the drain, the port and the database were closed.
    stopOnTerminationSignals: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: !production,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Apollo's default APQ store is an in-memory LRU; with Redis a query registered on one replica is found on every other.
    ...(shared ? { persistedQueries: { cache: shared.apqCache, ttl: num(env.HUB_APQ_TTL_SECONDS, 24 * 3600) } } : {}),
    parseOptions: { maxTokens: num(env.HUB_MAX_TOKENS, 4000) },
    validationRules: [operationLimitsRule(limitsFromEnv(env))],
    formatError: createFormatError(production),
    plugins: [
      metrics.plugin<GatewayContext>(),
      variableLimitsPlugin<GatewayContext>(variableLimitsFromEnv(env)),
      ...(env.HUB_SHARE_IDENTICAL_QUERIES !== '0' ? [shareIdenticalQueries()] : []),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });

  const perSecond = num(env.HUB_RATE_LIMIT_PER_SECOND, 50);
  const burst = num(env.HUB_RATE_LIMIT_BURST, 200);
  const limiter = shared ? shared.limiter(perSecond, burst) : new RateLimiter(perSecond, burst);
  let stopping = false;
  const live: RouteHandler = (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' });
  /** Ready when not stopping and every department answers its own readiness check. */
  const ready: RouteHandler = async (_req, res) => {
    const checks = await Promise.all(
      [...subgraphUrls].map(async ([name, url]) => {
        try {
          // A department's public /health checks its database too (its /ready is internal in production).
          const response = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
          return [name, response.ok ? 'ok' : `HTTP ${response.status}`] as const;
        } catch {
          return [name, 'unreachable'] as const;
        }
      }),
    );
    const healthy = !stopping && checks.every(([, state]) => state === 'ok');
    // Redis is reported, not required: every replica would fail together and the load balancer would have none left.
    const redis = shared ? { redis: await shared.state() } : {};
    sendJson(res, healthy ? 200 : 503, {
      status: stopping ? 'stopping' : healthy ? 'ok' : 'degraded',
      service: 'gateway',
      subgraphs: Object.fromEntries(checks),
      ...redis,
    });
  };
  const operatorRoutes: Record<string, RouteHandler> = { 'GET /ready': ready, 'GET /metrics': metrics.handler };
  const operator = createOperatorService('gateway', operatorRoutes, log, env);
  const web = webRoutes(env, { log, secrets });
  const server = createHttpService<GatewayContext>({
    log,
    maxBodyBytes: num(env.HUB_MAX_BODY_BYTES, 64 * 1024),
    authenticate: createAuthenticator(secrets.jwt, limiter, trustedProxiesFromEnv(env)),
    metrics,
    routes: {
      'GET /health': live,
      'GET /live': live,
      // Production: on the internal port only (createOperatorService).
      ...(operator ? {} : operatorRoutes),
      ...web.routes,
      ...departmentFileRoutes(
        supergraphServices(supergraphSdl).map(({ name, url }) => ({ name, graphqlUrl: subgraphUrl(name, url, env) })),
        secrets.signingKey,
        undefined,
        num(env.HUB_IMPORT_MAX_BYTES, 50 * 1024 * 1024),
      ),
    },
    publicPaths: new Set(['/health', '/live', ...(operator ? [] : ['/ready', '/metrics']), ...web.publicPaths]),
    graphql: {
      server: apollo,
      context: async (_req, requestId, principal) => new RequestContext(requestId, principal as Principal, log),
    },
  });

  return {
    log,
    apollo,
    http: server,
    operator,
    async listen(port?: number) {
      await shared?.connect();
      await apollo.start();
      const actual = await listen(server, port ?? servicePort('gateway', env), env.HUB_HOST || '127.0.0.1');
      await operator?.listen(actual);
      log.info({ port: actual }, `gateway listening on http://127.0.0.1:${actual}/graphql`);
      return actual;
    },
    async stop() {
      stopping = true;
      // Behind a load balancer: /ready now answers 503 "stopping"; keep serving for HUB_DRAIN_MS so the
      // balancer's health check takes this gateway out before its connections close (a request sent on
      // a connection closing under it could be a mutation, which is not resent). 0 (default): at once.
      const drainMs = num(env.HUB_DRAIN_MS, 0);
      if (drainMs > 0) await new Promise((resolve) => setTimeout(resolve, drainMs));
      await close(server, stopGraceMs(env));
      await operator?.close();
      await apollo.stop();
      await Promise.all(fetchers.map((f) => f.close()));
      await shared?.close();
    },
  };
}
