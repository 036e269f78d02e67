import path from 'node:path';
import { createSubgraph, StatementCounter, toEntitySchema } from '@hub/subgraph-kit';
import { departments, Department } from '@hub/vocabulary';
import { department } from './department';
import { indexTables } from './entities/indexTables';
import type { HrssContext } from './HrssContext';
import { createHrssLoaders } from './loaders/createHrssLoaders';
import { Initial1764115200000 } from './migrations/1764115200000-Initial';
import { HolderIndex1764115200001 } from './migrations/1764115200001-HolderIndex';
import { CountyProgressService } from './progress/CountyProgressService';
import { HolderIndexRepository } from './repositories/HolderIndexRepository';
import { resolvers } from './resolvers';
import { FeedSource, HolderIndexSync, httpFeedSource, localFeedSource } from './sync/HolderIndexSync';

/** Builds the hrss subgraph with its holder index (importable by tests); `index.ts` makes it listen. */
export function createHrssSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  let index: HolderIndexRepository;
  let sync: HolderIndexSync;
  let progress: CountyProgressService;
  const minCellSize = Number(env.HUB_MIN_CELL_SIZE || 5);
  const hub = createSubgraph<HrssContext>({
    definition: department,
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    resolvers,
    entities: indexTables.map((spec) => toEntitySchema(spec)),
    migrations: [Initial1764115200000, HolderIndex1764115200001],
    env,
    counter,
    extendContext: (base) => ({ ...base, index, sync, progress, minCellSize, hrssLoaders: createHrssLoaders(index) }),
  });
  index = new HolderIndexRepository(hub.dataSource, hub.repo);
  const sources = Object.fromEntries(
    departments.map((d): [Department, FeedSource] => [d, d === 'HRSS' ? localFeedSource(hub.repo) : httpFeedSource(d, hub.signingKey, env)]),
  ) as Record<Department, FeedSource>;
  sync = new HolderIndexSync(index, sources, hub.log);
  progress = new CountyProgressService(index);
  return Object.assign(hub, { index, sync, progress });
}
