import fs from 'node:fs';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { hubSecretsFromEnv, Principal } from '@hub/auth';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import {
  close,
  stopGraceMs,
  createFormatError,
  createHttpService,
  createLogger,
  createMetrics,
  createOperatorService,
  isProduction,
  listen,
  Logger,
  OperatorService,
  RouteHandler,
  sendJson,
  servicePort,
  ServiceMetrics,
} from '@hub/runtime';
import client from 'prom-client';
import { createCallAuthenticator } from './createCallAuthenticator';
import { createDataSource, databaseKind, ensureMysqlDatabase, StatementCounter } from './createDataSource';
import type { ResolverMap } from './departmentResolvers';
import { IdentityService } from './IdentityService';
import { hasCacheHints } from './hasCacheHints';
import { sharedSdl } from './sharedSdl';
import type { ServiceContext } from './SubgraphContext';

/** The schema.graphql followed by the shared types: the SDL that is composed and served. */
export function subgraphSdl(schemaFile: string): string {
  return `${fs.readFileSync(schemaFile, 'utf8')}\n${sharedSdl}`;
}

/** Background work of a service (a feed puller, a cache warmer): started once it listens, stopped before its database closes. */
export interface BackgroundWork {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/** What a service's long-lived parts are built from. */
export interface ServiceParts {
  slug: string;
  env: NodeJS.ProcessEnv;
  log: Logger;
  dataSource: DataSource;
  identity: IdentityService;
  /** Key of the signed principal header: a service signs its own calls to other services with it. */
  signingKey: Buffer;
  metrics: ServiceMetrics;
}

export interface ServiceOptions<TContext extends ServiceContext, TServices, TParts extends ServiceParts = ServiceParts> {
  /** Folder, port and database name, e.g. `county`. */
  slug: string;
  /** Path of the service's schema.graphql. */
  schemaFile: string;
  resolvers: ResolverMap;
  entities: EntitySchema[];
  migrations: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  /** Extends the parts every service has (a department adds its core repository). */
  parts?: (base: ServiceParts) => TParts;
  /** Builds the service's repositories and services, once per process. */
  services: (parts: TParts) => TServices;
  /** Each request's context from the base context and the services. */
  context: (base: ServiceContext, services: TServices, parts: TParts) => TContext;
  /** Work that runs in the background while the service listens. */
  background?: (services: TServices, parts: TParts) => BackgroundWork[];
  /** Extra HTTP routes, e.g. an upload endpoint or a change feed. */
  routes?: (hub: Service<TContext, TServices, TParts>) => Record<string, RouteHandler>;
  env?: NodeJS.ProcessEnv;
  /** Counts SQL statements; tests pass one in. */
  counter?: StatementCounter;
}

export interface Service<
  TContext extends ServiceContext = ServiceContext,
  TServices = unknown,
  TParts extends ServiceParts = ServiceParts,
> {
  slug: string;
  log: Logger;
  dataSource: DataSource;
  identity: IdentityService;
  parts: TParts;
  /** The service's long-lived parts, built once. */
  services: TServices;
  apollo: ApolloServer<TContext>;
  http: http.Server;
  /** Prometheus metrics, served at GET /metrics (on the internal port in production). */
  metrics: ServiceMetrics;
  /** The internal listener of /metrics and /ready in production (null in development: they are on the public port). */
  operator: OperatorService | null;
  signingKey: Buffer;
  /** Opens the database and runs pending migrations. */
  init(): Promise<void>;
  /** Listens on the given port (default: the service's port); returns the port. */
  listen(port?: number): Promise<number>;
  /** Starts the background work (runSubgraph calls it once the service listens). */
  start(): Promise<void>;
  /** Stops the background work, then the listener, then the database. */
  stop(): Promise<void>;
}

/** Builds a GraphQL service of the hub: database, migrations, signed-call authentication, /health, /ready, /metrics. */
export function createService<TContext extends ServiceContext, TServices, TParts extends ServiceParts = ServiceParts>(
  options: ServiceOptions<TContext, TServices, TParts>,
): Service<TContext, TServices, TParts> {
  const env = options.env ?? process.env;
  const production = isProduction(env);
  const { slug } = options;
  const log = createLogger(slug, env);
  const dataSource = createDataSource({ slug, entities: options.entities, migrations: options.migrations, counter: options.counter }, env);
  const identity = IdentityService.fromEnv(env, (message) => log.warn(message));
  const secrets = hubSecretsFromEnv(env, (message) => log.warn(message));
  const metrics = createMetrics(slug);
  const base: ServiceParts = { slug, env, log, dataSource, identity, signingKey: secrets.signingKey, metrics };
  const parts = options.parts ? options.parts(base) : (base as TParts);
  const services = options.services(parts);
  const background = options.background?.(services, parts) ?? [];
  // buildSubgraphSchema takes Apollo's GraphQLResolverMap; ResolverMap is the same object with looser resolver types.
  const schema = buildSubgraphSchema({ typeDefs: parse(subgraphSdl(options.schemaFile)), resolvers: options.resolvers as never });
  // HUB_MODE=production alone (NODE_ENV unset) must give the production posture: Apollo's own
  // defaults look at NODE_ENV only, so every switch is set here.
  const apollo = new ApolloServer<TContext>({
    schema,
    // The process's own SIGTERM/SIGINT handler stops everything in order. Apollo's would stop Apollo alone and then
    // kill the process with the same signal, before the drain, the port and the database were closed.
    stopOnTerminationSignals: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: !production,
    formatError: createFormatError(production, (formatted, error) =>
      log.error({ err: error, path: formatted.path }, 'internal error (masked in the answer)'),
    ),
    // No Apollo Studio here: federated tracing would only cost time on every request.
    // Nor cache-control bookkeeping on every resolver when no field has a hint (hasCacheHints).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      metrics.plugin<TContext>(),
      ...(hasCacheHints(schema) ? [] : [ApolloServerPluginCacheControlDisabled()]),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  new client.Gauge({
    name: 'hub_db_pool_connections',
    help: 'Database connections in the pool (MySQL), by state',
    labelNames: ['state'] as const,
    registers: [metrics.registry],
    collect() {
      // mysql2's pool keeps these lists; SQLite has a single connection and reports nothing.
      const pool = (dataSource.driver as unknown as { pool?: { _allConnections?: unknown[]; _freeConnections?: unknown[] } }).pool;
      if (!pool?._allConnections) return;
      this.set({ state: 'open' }, pool._allConnections.length);
      this.set({ state: 'idle' }, pool._freeConnections?.length ?? 0);
    },
  });

  let stopping = false;
  let started = false;
  let apolloStarted = false;
  /** Ready: the database answers and the service is not shutting down. */
  const ready: RouteHandler = async (_req, res) => {
    if (stopping) return sendJson(res, 503, { status: 'stopping', service: slug });
    try {
      await dataSource.query('SELECT 1');
      sendJson(res, 200, { status: 'ok', service: slug, database: databaseKind(env) });
    } catch {
      sendJson(res, 503, { status: 'unavailable', service: slug, reason: 'database' });
    }
  };
  const live: RouteHandler = (_req, res) => sendJson(res, 200, { status: 'ok', service: slug });
  /** Public health: ok or not (the database answers), nothing about the service's insides. */
  const health: RouteHandler = async (_req, res) => {
    if (stopping) return sendJson(res, 503, { status: 'unavailable' });
    try {
      await dataSource.query('SELECT 1');
      sendJson(res, 200, { status: 'ok' });
    } catch {
      sendJson(res, 503, { status: 'unavailable' });
    }
  };
  const operatorRoutes: Record<string, RouteHandler> = { 'GET /ready': ready, 'GET /metrics': metrics.handler };
  const operator = createOperatorService(slug, operatorRoutes, log, env);

  const hub = { slug, log, dataSource, identity, parts, services, apollo, metrics, operator, signingKey: secrets.signingKey } as Service<
    TContext,
    TServices,
    TParts
  >;
  hub.http = createHttpService<TContext>({
    log,
    // Only the gateway (or a service) holding the signing key can call a service, and only with a
    // header signed for this very call (this service, method, path, body), seen once.
    authenticate: createCallAuthenticator(slug, secrets.signingKey),
    publicPaths: new Set(['/health', '/live', ...(operator ? [] : ['/ready', '/metrics'])]),
    metrics,
    routes: {
      'GET /health': health,
      'GET /live': live,
      ...(operator ? {} : operatorRoutes),
      ...(options.routes?.(hub) ?? {}),
    },
    graphql: {
      server: apollo,
      context: async (_req, requestId, principal) =>
        options.context({ requestId, principal: principal as Principal, log: log.child({ requestId }), identity }, services, parts),
    },
  });

  hub.init = async () => {
    if (databaseKind(env) === 'mysql' && env.HUB_MYSQL_CREATE_DATABASE === '1') await ensureMysqlDatabase(slug, env);
    if (!dataSource.isInitialized) await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  };
  hub.listen = async (port?: number) => {
    await apollo.start();
    apolloStarted = true;
    const actual = await listen(hub.http, port ?? servicePort(slug, env), env.HUB_HOST || '127.0.0.1');
    await operator?.listen(actual);
    log.info({ port: actual }, `${slug} subgraph listening`);
    return actual;
  };
  hub.start = async () => {
    if (started) return;
    started = true;
    for (const work of background) await work.start();
  };
  hub.stop = async () => {
    stopping = true;
    for (const work of [...background].reverse()) await work.stop();
    if (hub.http.listening) await close(hub.http, stopGraceMs(env));
    await operator?.close();
    if (apolloStarted) await apollo.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
  };
  return hub;
}
