import { may, Principal } from '@hub/auth';
import type { EntitySchema, MixedList } from 'typeorm';
import { RouteHandler, sendJson } from '@hub/runtime';
import { createCoreLoaders } from './createCoreLoaders';
import { CoreRepository } from './CoreRepository';
import { coreTableSpecs, CoreTableSpecs } from './coreTables';
import type { StatementCounter } from './createDataSource';
import { BackgroundWork, createService, Service, ServiceParts } from './createService';
import type { DepartmentDefinition } from './DepartmentDefinition';
import type { SubgraphContext } from './SubgraphContext';
import { departmentResolvers, mergeResolvers, ResolverMap } from './departmentResolvers';
import { toEntitySchema } from './tableSpec';
import { coreMigrations } from './coreMigrations';

/** The TypeORM entities of a department's core tables. */
export function coreEntities(specs: CoreTableSpecs): EntitySchema[] {
  return [toEntitySchema(specs.person), toEntitySchema(specs.training), toEntitySchema(specs.certificate), toEntitySchema(specs.changeLog)];
}

/** What a department's services are built from: the service parts plus its core repository. */
export interface DepartmentParts extends ServiceParts {
  definition: DepartmentDefinition;
  repo: CoreRepository;
}

export interface SubgraphOptions<TContext extends SubgraphContext = SubgraphContext, TServices = object> {
  definition: DepartmentDefinition;
  /** Path of the department's schema.graphql. */
  schemaFile: string;
  /** The department's own resolvers, merged over the kit's. */
  resolvers?: ResolverMap;
  /** Entities beyond the core tables. */
  entities?: EntitySchema[];
  migrations: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  /** Builds the department's own repositories and services (one instance per process). */
  services?: (parts: DepartmentParts) => TServices;
  /** Adds the department's own parts (loaders, services) to each request's context. */
  context?: (base: SubgraphContext, services: TServices) => TContext;
  /** Work that runs in the background while the department listens. */
  background?: (services: TServices, parts: DepartmentParts) => BackgroundWork[];
  /** Extra HTTP routes, e.g. an upload endpoint. */
  routes?: (hub: Subgraph<TContext, TServices>) => Record<string, RouteHandler>;
  /** Seeds the department's own programmes and registers of the demo county, after its demo records (first start only). */
  demo?: (services: TServices, parts: DepartmentParts, persons: number) => Promise<void>;
  env?: NodeJS.ProcessEnv;
  /** Counts SQL statements; tests pass one in. */
  counter?: StatementCounter;
}

/** A department subgraph: a service with the department's core tables, its change feed and its definition. */
export interface Subgraph<TContext extends SubgraphContext = SubgraphContext, TServices = object> extends Service<
  TContext,
  TServices,
  DepartmentParts
> {
  definition: DepartmentDefinition;
  repo: CoreRepository;
  /** The department's demo programmes (SubgraphOptions.demo), for seedDemoDataIfEmpty. */
  seedDemoProgrammes?: (persons: number) => Promise<void>;
}

const CHANGE_FEED_MAX = 5000;

/** Builds a department subgraph: database, migrations, GraphQL, /health and the change feed. */
export function createSubgraph<TContext extends SubgraphContext = SubgraphContext, TServices = object>(
  options: SubgraphOptions<TContext, TServices>,
): Subgraph<TContext, TServices> {
  const { definition } = options;
  const specs = coreTableSpecs(definition.columns);
  const changeFeed =
    (repo: CoreRepository): RouteHandler =>
    async (_req, res, url, principal) => {
      if (!may.readChangeFeed(principal as Principal))
        return sendJson(res, 403, { error: '仅系统服务可读取变更流 (the change feed is for the service role)' });
      const after = Number(url.searchParams.get('after') ?? 0);
      const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), CHANGE_FEED_MAX);
      if (!Number.isInteger(after) || after < 0 || !Number.isInteger(limit) || limit < 1) {
        return sendJson(res, 400, { error: 'after and limit must be non-negative integers' });
      }
      const changes = await repo.changesAfter(after, limit);
      const latest = await repo.latestSeq();
      // The stored payload is already JSON: splice it in rather than parse and re-serialise thousands of rows.
      const items = changes.map(
        (c) =>
          `{"seq":${c.seq},"entity":${JSON.stringify(c.entity)},"entityId":${JSON.stringify(c.entityId)},"personId":${JSON.stringify(c.personId)},"at":${JSON.stringify(c.createdAt)},"record":${c.payload}}`,
      );
      const body = `{"department":${JSON.stringify(definition.code)},"changes":[${items.join(',')}],"latestSeq":${latest},"servedAt":${JSON.stringify(new Date().toISOString())}}`;
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
  const service = createService<TContext, TServices, DepartmentParts>({
    slug: definition.slug,
    schemaFile: options.schemaFile,
    resolvers: mergeResolvers(departmentResolvers(definition), options.resolvers ?? {}),
    entities: [...coreEntities(specs), ...(options.entities ?? [])],
    // The kit's migrations of the core tables run in every department, so no department can miss one.
    migrations: [...(options.migrations as Function[]), ...coreMigrations], // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
    parts: (base) => ({ ...base, definition, repo: new CoreRepository(base.dataSource, specs) }),
    services: (parts) => (options.services ? options.services(parts) : ({} as TServices)),
    context: (base, services, parts) => {
      const context: SubgraphContext = { ...base, department: definition, repo: parts.repo, loaders: createCoreLoaders(parts.repo) };
      return options.context ? options.context(context, services) : (context as TContext);
    },
    background: options.background,
    routes: (service) => {
      // The department's routes (intake) see the subgraph whole: its definition and core repository too.
      const hub = Object.assign(service, { definition, repo: service.parts.repo });
      return { 'GET /changes': changeFeed(hub.repo), ...(options.routes?.(hub) ?? {}) };
    },
    env: options.env,
    counter: options.counter,
  });
  const demo = options.demo;
  return Object.assign(service, {
    definition,
    repo: service.parts.repo,
    seedDemoProgrammes: demo ? (persons: number) => demo(service.services, service.parts, persons) : undefined,
  });
}
