import path from 'node:path';
import { cellKeyParametersFromEnv, cellKeySecret, disclosureFor, recordKey } from '@hub/auth';
import { createSubgraph, StatementCounter, toEntitySchema } from '@hub/subgraph-kit';
import { guardedIntakeRoutes } from '@hub/intake';
import { departments, Department } from '@hub/vocabulary';
import { department } from './department';
import { indexTables } from './entities/indexTables';
import type { HrssContext } from './HrssContext';
import { createHrssLoaders } from './loaders/createHrssLoaders';
import { Initial1764115200000 } from './migrations/1764115200000-Initial';
import { HolderIndex1764115200001 } from './migrations/1764115200001-HolderIndex';
import { Programmes1764201600000 } from './migrations/1764201600000-Programmes';
import { DropDateIndexes1764374400000 } from './migrations/1764374400000-DropDateIndexes';
import { HoldingStatus1764892800001 } from './migrations/1764892800001-HoldingStatus';
import { IndexBirthYear1764979200001 } from './migrations/1764979200001-IndexBirthYear';
import { DataQuality1765000000001 } from './migrations/1765000000001-DataQuality';
import { createProgrammes, Programmes } from './programmes/createProgrammes';
import { programmeTables } from './programmes/entities/programmeTables';
import { createProgrammeLoaders } from './programmes/loaders/createProgrammeLoaders';
import { AggregateService } from './progress/AggregateService';
import { CountyProgressService } from './progress/CountyProgressService';
import { LiveCountyModel } from './progress/LiveCountyModel';
import { registerIndexMetrics } from './progress/registerIndexMetrics';
import { DataQualityRepository, QualityCounts } from './repositories/DataQualityRepository';
import { IndexVersionCache } from './progress/IndexVersionCache';
import { HolderIndexRepository } from './repositories/HolderIndexRepository';
import { resolvers } from './resolvers';
import { FeedSource, HolderIndexSync, httpFeedSource, localFeedSource } from './sync/HolderIndexSync';

/** Builds the hrss subgraph with its holder index (importable by tests); `index.ts` makes it listen. */
export function createHrssSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  let index: HolderIndexRepository;
  let quality: DataQualityRepository;
  let qualityCounts: IndexVersionCache<QualityCounts[]>;
  let sync: HolderIndexSync;
  let progress: CountyProgressService;
  let aggregates: AggregateService;
  let programmes: Programmes;
  const cellKeys = cellKeyParametersFromEnv(env);
  let secret: Buffer;
  const hub = createSubgraph<HrssContext>({
    definition: department,
    // Spreadsheet import, templates and exports over HTTP (the gateway proxies them with the caller's identity).
    routes: (hub) => guardedIntakeRoutes(hub),
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    resolvers,
    entities: [...indexTables, ...programmeTables].map((spec) => toEntitySchema(spec)),
    migrations: [Initial1764115200000, HolderIndex1764115200001, Programmes1764201600000, DropDateIndexes1764374400000, HoldingStatus1764892800001, IndexBirthYear1764979200001, DataQuality1765000000001],
    env,
    counter,
    extendContext: (base) => ({
      ...base,
      index,
      quality,
      qualityCounts,
      sync,
      progress,
      aggregates,
      disclosure: (department?: Department | null) => disclosureFor(base.principal, secret, department, cellKeys),
      hrssLoaders: createHrssLoaders(index),
      programmes,
      programmeLoaders: createProgrammeLoaders(programmes),
    }),
  });
  secret = cellKeySecret(hub.identity.keys.personKey);
  index = new HolderIndexRepository(hub.dataSource, hub.repo);
  quality = new DataQualityRepository(hub.dataSource);
  // The counts scan the whole index: kept until the index changes, per scope.
  qualityCounts = new IndexVersionCache(index, 16);
  const sources = Object.fromEntries(
    departments.map((d): [Department, FeedSource] => [d, d === 'HRSS' ? localFeedSource(hub.repo) : httpFeedSource(d, hub.signingKey, env)]),
  ) as Record<Department, FeedSource>;
  // Directed (订单/定向) training is education's (plan clause 2); the ledger reads it from education's feed.
  programmes = createProgrammes({
    dataSource: hub.dataSource,
    core: hub.repo,
    index,
    identity: hub.identity,
    directedSources: { EDUCATION: sources.EDUCATION },
    log: hub.log,
  });
  // When the index finds new changes in education's feed, the ledger's directed-training reader follows.
  const education = sources.EDUCATION;
  const indexSources: Record<Department, FeedSource> = {
    ...sources,
    EDUCATION: async (after, limit) => {
      const page = await education(after, limit);
      if (page.changes.length) programmes.directedFeed.nudge();
      return page;
    },
  };
  sync = new HolderIndexSync(index, indexSources, hub.log);
  const live = new LiveCountyModel(index, (personId) => recordKey(secret, personId));
  progress = new CountyProgressService(index, live);
  // New changes reach the county's figures as soon as a sync has drained the feeds, not at the next request.
  sync.onSettled(() => progress.warm());
  aggregates = new AggregateService(index, live);
  registerIndexMetrics(hub.metrics.registry, progress);
  const stop = hub.stop;
  hub.stop = async () => {
    await programmes.directedFeed.idle();
    await stop();
  };
  return Object.assign(hub, { index, quality, sync, progress, programmes });
}
