import path from 'node:path';
import { cellKeyParametersFromEnv, disclosureFor } from '@hub/auth';
import { createService, DateScalar, FenScalar, StatementCounter, toEntitySchema } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import type { CountyContext } from './CountyContext';
import { countyBackground, createCountyServices, CountyServices } from './createCountyServices';
import { indexTables } from './entities/indexTables';
import { ledgerTables } from './entities/ledgerTables';
import { targetTables } from './entities/targetTables';
import type { FeedSource } from './feeds/HolderIndexSync';
import { createCountyLoaders } from './loaders/createCountyLoaders';
import { Initial1765100000000 } from './migrations/1765100000000-Initial';
import { AnnualTargets1765200000000 } from './migrations/1765200000000-AnnualTargets';
import { ledgerReportRoute } from './reports/ledgerReportRoute';
import { HoldingIssuingBody1765290000001 } from './migrations/1765290000001-HoldingIssuingBody';
import { sequenceTables } from './entities/sequenceTables';
import { IndexSequence1765300000000 } from './migrations/1765300000000-IndexSequence';
import { TrainingProvider1765400000000 } from './migrations/1765400000000-TrainingProvider';
import { resolvers } from './resolvers';

export const COUNTY_SLUG = 'county';

/**
 * Builds the county service (县技能人才统计调度, importable by tests); `index.ts` makes it listen. It keeps no
 * department's records: it pulls every department's change feed into the holder index in its own database and
 * answers the county's figures, the people list, the progress ledger, the data-quality lists and the audit log.
 * `feeds` replaces the departments' HTTP feeds (tests).
 */
export function createCountySubgraph(
  env: NodeJS.ProcessEnv = process.env,
  counter?: StatementCounter,
  feeds?: Record<Department, FeedSource>,
) {
  const cellKeys = cellKeyParametersFromEnv(env);
  return createService<CountyContext, CountyServices>({
    slug: COUNTY_SLUG,
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    resolvers: { Date: DateScalar, Fen: FenScalar, ...resolvers },
    entities: [...indexTables, ...ledgerTables, ...targetTables, ...sequenceTables].map((spec) => toEntitySchema(spec)),
    migrations: [
      Initial1765100000000,
      AnnualTargets1765200000000,
      HoldingIssuingBody1765290000001,
      IndexSequence1765300000000,
      TrainingProvider1765400000000,
    ],
    services: (parts) => createCountyServices(parts, feeds),
    context: (base, services) => ({
      ...base,
      ...services,
      loaders: createCountyLoaders(services.masters, services.holdings),
      disclosure: (department?: Department | null) => disclosureFor(base.principal, services.cellKeySecret, department, cellKeys),
    }),
    background: countyBackground,
    routes: (service) => ({ 'GET /reports/ledger': ledgerReportRoute(service.services, cellKeys) }),
    env,
    counter,
  });
}
