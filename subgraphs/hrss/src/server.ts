import path from 'node:path';
import { cellKeyParametersFromEnv, cellKeySecret, disclosureFor } from '@hub/auth';
import { createSubgraph, StatementCounter, toEntitySchema } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import { guardedIntakeRoutes } from '@hub/intake';
import { department } from './department';
import type { HrssContext, HrssServices } from './HrssContext';
import { Initial1764115200000 } from './migrations/1764115200000-Initial';
import { HolderIndex1764115200001 } from './migrations/1764115200001-HolderIndex';
import { Programmes1764201600000 } from './migrations/1764201600000-Programmes';
import { DropDateIndexes1764374400000 } from './migrations/1764374400000-DropDateIndexes';
import { HoldingStatus1764892800001 } from './migrations/1764892800001-HoldingStatus';
import { IndexBirthYear1764979200001 } from './migrations/1764979200001-IndexBirthYear';
import { DataQuality1765000000001 } from './migrations/1765000000001-DataQuality';
import { CountyServiceTookIndex1765100000001 } from './migrations/1765100000001-CountyServiceTookIndex';
import { Registers1765300000001 } from './migrations/1765300000001-Registers';
import { createProgrammes } from './programmes/createProgrammes';
import { programmeTables } from './programmes/entities/programmeTables';
import { registerTables } from './programmes/entities/registerTables';
import { createProgrammeLoaders } from './programmes/loaders/createProgrammeLoaders';
import { seedDemoProgrammes } from './programmes/seedDemoProgrammes';
import { resolvers } from './resolvers';

/** Builds the hrss subgraph with its programmes (importable by tests); `index.ts` makes it listen. */
export function createHrssSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  const cellKeys = cellKeyParametersFromEnv(env);
  return createSubgraph<HrssContext, HrssServices>({
    definition: department,
    // Spreadsheet import, templates and exports over HTTP (the gateway proxies them with the caller's identity).
    routes: (hub) => guardedIntakeRoutes(hub),
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    resolvers,
    entities: [...programmeTables, ...registerTables].map((spec) => toEntitySchema(spec)),
    migrations: [
      Initial1764115200000,
      HolderIndex1764115200001,
      Programmes1764201600000,
      DropDateIndexes1764374400000,
      HoldingStatus1764892800001,
      IndexBirthYear1764979200001,
      DataQuality1765000000001,
      CountyServiceTookIndex1765100000001,
      Registers1765300000001,
    ],
    env,
    counter,
    // The demo county's vouchers, catalogue, competitions and registers, on a first start after the demo records.
    demo: async ({ programmes }, parts, persons) => {
      parts.log.info(await seedDemoProgrammes(programmes, persons), '已生成演示项目数据 demo programmes seeded');
    },
    services: (parts) => ({ programmes: createProgrammes(parts), cellKeySecret: cellKeySecret(parts.identity.keys.personKey) }),
    context: (base, { programmes, cellKeySecret: secret }) => ({
      ...base,
      programmes,
      programmeLoaders: createProgrammeLoaders(programmes),
      disclosure: (department?: Department | null) => disclosureFor(base.principal, secret, department, cellKeys),
    }),
  });
}
