import path from 'node:path';
import { createSubgraph, StatementCounter } from '@hub/subgraph-kit';
import { department } from './department';
import { Initial1764115200000 } from './migrations/1764115200000-Initial';

/** Builds the finance subgraph (importable by tests); `index.ts` makes it listen. */
export function createFinanceSubgraph(env: NodeJS.ProcessEnv = process.env, counter?: StatementCounter) {
  return createSubgraph({
    definition: department,
    schemaFile: path.join(__dirname, '..', 'schema.graphql'),
    migrations: [Initial1764115200000],
    env,
    counter,
  });
}
