import path from 'node:path';
import { createSubgraph, StatementCounter } from '@hub/subgraph-kit';
import { guardedIntakeRoutes } from '@hub/intake';
import { department } from './department';
import { Initial1764115200000 } from './migrations/1764115200000-Initial';

/** Builds the education subgraph (importable by tests); `index.ts` makes it listen. */
export function createEducationSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  return createSubgraph({
    definition: department,
    // Spreadsheet import, templates and exports over HTTP (the gateway proxies them with the caller's identity).
    routes: (hub) => guardedIntakeRoutes(hub),
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    migrations: [Initial1764115200000],
    env,
    counter,
  });
}
