import fs from 'node:fs';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { hubSecretsFromEnv, may, Principal } from '@hub/auth';
import type { DataSource, EntitySchema, MixedList } from 'typeorm';
import {
  close,
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
import { createCoreLoaders } from './createCoreLoaders';
import { CoreRepository } from './CoreRepository';
import { coreTableSpecs, CoreTableSpecs } from './coreTables';
import { createDataSource, databaseKind, ensureMysqlDatabase, StatementCounter } from './createDataSource';
import type { DepartmentDefinition } from './DepartmentDefinition';
import { IdentityService } from './IdentityService';
import { sharedSdl } from './sharedSdl';
import type { SubgraphContext } from './SubgraphContext';
import { departmentResolvers, mergeResolvers, ResolverMap } from './departmentResolvers';
import { toEntitySchema } from './tableSpec';
import { coreMigrations } from './coreMigrations';
import { hasCacheHints } from './hasCacheHints';

/** The department's schema.graphql followed by the shared types: the SDL that is composed and served. */
export function subgraphSdl(schemaFile: string): string {
  return `${fs.readFileSync(schemaFile, 'utf8')}\n${sharedSdl}`;
}

/** The TypeORM entities of a department's core tables. */
export function coreEntities(specs: CoreTableSpecs): EntitySchema[] {
  return [toEntitySchema(specs.person), toEntitySchema(specs.training), toEntitySchema(specs.certificate), toEntitySchema(specs.changeLog)];
}

export interface SubgraphOptions<TContext extends SubgraphContext = SubgraphContext> {
  definition: DepartmentDefinition;
  /** Path of the department's schema.graphql. */
  schemaFile: string;
  /** The department's own resolvers, merged over the kit's. */
  resolvers?: ResolverMap;
  /** Entities beyond the core tables. */
  entities?: EntitySchema[];
  migrations: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  /** Adds the department's own parts (loaders, repositories) to each request's context. */
  extendContext?: (base: SubgraphContext, hub: Subgraph<TContext>) => TContext;
  /** Extra HTTP routes, e.g. an upload endpoint. */
  routes?: (hub: Subgraph<TContext>) => Record<string, RouteHandler>;
  env?: NodeJS.ProcessEnv;
  /** Counts SQL statements; tests pass one in. */
  counter?: StatementCounter;
}

export interface Subgraph<TContext extends SubgraphContext = SubgraphContext> {
  definition: DepartmentDefinition;
  log: Logger;
  dataSource: DataSource;
  repo: CoreRepository;
  identity: IdentityService;
  apollo: ApolloServer<TContext>;
  http: http.Server;
  /** Prometheus metrics, served at GET /metrics (on the internal port in production). */
  metrics: ServiceMetrics;
  /** The internal listener of /metrics and /ready in production (null in development: they are on the public port). */
  operator: OperatorService | null;
  /** Key of the signed principal header (hrss signs its own service calls with it). */
  signingKey: Buffer;
  /** Opens the database and runs pending migrations. */
  init(): Promise<void>;
  /** Listens on the given port (default: the department's port); returns the port. */
  listen(port?: number): Promise<number>;
  stop(): Promise<void>;
}

const CHANGE_FEED_MAX = 5000;

/** Builds a department subgraph: database, migrations, GraphQL, /health and the change feed. */
export function createSubgraph<TContext extends SubgraphContext = SubgraphContext>(options: SubgraphOptions<TContext>): Subgraph<TContext> {
  const env = options.env ?? process.env;
  const production = isProduction(env);
  const { definition } = options;
  const log = createLogger(definition.slug, env);
  const specs = coreTableSpecs(definition.columns);
  const dataSource = createDataSource(
    {
      slug: definition.slug,
      entities: [...coreEntities(specs), ...(options.entities ?? [])],
      // The kit's migrations of the core tables run in every department, so no department can miss one.
      migrations: [...(options.migrations as Function[]), ...coreMigrations], // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
      counter: options.counter,
    },
    env,
  );
  const repo = new CoreRepository(dataSource, specs);
  const identity = IdentityService.fromEnv(env, (message) => log.warn(message));
  const secrets = hubSecretsFromEnv(env, (message) => log.warn(message));
  const schema = buildSubgraphSchema({
    typeDefs: parse(subgraphSdl(options.schemaFile)),
    resolvers: mergeResolvers(departmentResolvers(definition), options.resolvers ?? {}) as never,
  });
  const metrics = createMetrics(definition.slug);
  // HUB_MODE=production alone (NODE_ENV unset) must give the production posture: Apollo's own
  // defaults look at NODE_ENV only, so every switch is set here.
  const apollo = new ApolloServer<TContext>({
    schema,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: !production,
    formatError: createFormatError(production, (formatted, error) => log.error({ err: error, path: formatted.path }, 'internal error (masked in the answer)')),
    // No Apollo Studio here: federated tracing would only cost time on every request.
    // Nor cache-control bookkeeping on every resolver when no field has a hint (hasCacheHints).
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ...(hasCacheHints(schema) ? [] : [ApolloServerPluginCacheControlDisabled()]),
      metrics.plugin<TContext>(),
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

  const hub = { definition, log, dataSource, repo, identity, apollo, metrics, signingKey: secrets.signingKey } as Subgraph<TContext>;
  let stopping = false;
  const changeFeed: RouteHandler = async (_req, res, url, principal) => {
    if (!may.readChangeFeed(principal as Principal)) return sendJson(res, 403, { error: '仅系统服务可读取变更流 (the change feed is for the service role)' });
    const after = Number(url.searchParams.get('after') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), CHANGE_FEED_MAX);
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1) {
      return sendJson(res, 400, { error: 'after and limit must be non-negative integers' });
    }
    const changes = await repo.changesAfter(after, limit);
    const latest = await repo.latestSeq();
    // The stored payload is already JSON: splice it in rather than parse and re-serialise thousands of rows.
    const items = changes.map(
      (c) => `{"seq":${c.seq},"entity":${JSON.stringify(c.entity)},"entityId":${JSON.stringify(c.entityId)},"personId":${JSON.stringify(c.personId)},"at":${JSON.stringify(c.createdAt)},"record":${c.payload}}`,
    );
    const body = `{"department":${JSON.stringify(definition.code)},"changes":[${items.join(',')}],"latestSeq":${latest},"servedAt":${JSON.stringify(new Date().toISOString())}}`;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  /** Ready: the database answers and the service is not shutting down. */
  const ready: RouteHandler = async (_req, res) => {
    if (stopping) return sendJson(res, 503, { status: 'stopping', service: definition.slug });
    try {
      await dataSource.query('SELECT 1');
      sendJson(res, 200, { status: 'ok', service: definition.slug, database: databaseKind(env) });
    } catch {
      sendJson(res, 503, { status: 'unavailable', service: definition.slug, reason: 'database' });
    }
  };
  const live: RouteHandler = (_req, res) => sendJson(res, 200, { status: 'ok', service: definition.slug });
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
  hub.operator = createOperatorService(definition.slug, operatorRoutes, log, env);

  hub.http = createHttpService<TContext>({
    log,
    // Only the gateway (or a service) holding the signing key can call a subgraph, and only with a
    // header signed for this very call (this service, method, path, body), seen once.
    authenticate: createCallAuthenticator(definition.slug, secrets.signingKey),
    publicPaths: new Set(['/health', '/live', ...(hub.operator ? [] : ['/ready', '/metrics'])]),
    metrics,
    routes: {
      'GET /health': health,
      'GET /live': live,
      ...(hub.operator ? {} : operatorRoutes),
      'GET /changes': changeFeed,
      ...(options.routes?.(hub) ?? {}),
    },
    graphql: {
      server: apollo,
      context: async (_req, requestId, principal) => {
        const base: SubgraphContext = {
          requestId,
          principal: principal as Principal,
          log: log.child({ requestId }),
          department: definition,
          identity,
          repo,
          loaders: createCoreLoaders(repo),
        };
        return options.extendContext ? options.extendContext(base, hub) : (base as TContext);
      },
    },
  });

  hub.init = async () => {
    if (databaseKind(env) === 'mysql' && env.HUB_MYSQL_CREATE_DATABASE === '1') await ensureMysqlDatabase(definition.slug, env);
    if (!dataSource.isInitialized) await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  };
  hub.listen = async (port?: number) => {
    await apollo.start();
    const actual = await listen(hub.http, port ?? servicePort(definition.slug, env), env.HUB_HOST || '127.0.0.1');
    await hub.operator?.listen(actual);
    log.info({ port: actual }, `${definition.slug} subgraph listening`);
    return actual;
  };
  hub.stop = async () => {
    stopping = true;
    await close(hub.http);
    await hub.operator?.close();
    await apollo.stop();
    if (dataSource.isInitialized) await dataSource.destroy();
  };
  return hub;
}

