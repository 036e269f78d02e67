import fs from 'node:fs';
import path from 'node:path';
import type { StatementCounter, Subgraph } from '@hub/subgraph-kit';
import { departments, departmentSlug } from '@hub/vocabulary';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each department has its own context type
export type DepartmentFactory = (env: NodeJS.ProcessEnv, counter?: StatementCounter) => Subgraph<any>;

const root = path.resolve(__dirname, '..', '..');

/**
 * Every department of the Department enum that has subgraphs/<slug>/src/server.ts, in enum (port)
 * order, with the create…Subgraph its server.ts exports: a department added by
 * `npm run new-department` is in the scripts and the whole-graph tests without an edit.
 */
function discoverDepartmentFactories(): Record<string, DepartmentFactory> {
  const out: Record<string, DepartmentFactory> = {};
  for (const slug of departments.map((d) => departmentSlug[d])) {
    const server = path.join(root, 'subgraphs', slug, 'src', 'server.ts');
    if (!fs.existsSync(server)) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the list is discovered at run time
    const exports = require(server) as Record<string, unknown>;
    const factory = Object.entries(exports).find(([name, value]) => /^create[A-Za-z]+Subgraph$/.test(name) && typeof value === 'function');
    if (!factory) throw new Error(`subgraphs/${slug}/src/server.ts exports no create…Subgraph function`);
    out[slug] = factory[1] as DepartmentFactory;
  }
  return out;
}

/** The departments' subgraph factories by folder name (slug), e.g. `departmentFactories['civil-affairs']`. */
export const departmentFactories = discoverDepartmentFactories();
