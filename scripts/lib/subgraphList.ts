import fs from 'node:fs';
import path from 'node:path';
import { servicePort } from '@hub/runtime/src/services';
import { findRoot } from './buildUnits';

/** Found upwards rather than as `../..`: the compiled launcher runs from dist/scripts/lib. */
export const root = findRoot(__dirname);

export interface SubgraphEntry {
  slug: string;
  dir: string;
  schemaFile: string;
  port: number;
}

/** Every folder under subgraphs/ with a schema.graphql, hrss first, then in port order. */
export function subgraphList(env: NodeJS.ProcessEnv = process.env): SubgraphEntry[] {
  const base = path.join(root, 'subgraphs');
  return fs
    .readdirSync(base)
    .filter((slug) => fs.existsSync(path.join(base, slug, 'schema.graphql')))
    .map((slug) => ({
      slug,
      dir: path.join(base, slug),
      schemaFile: path.join(base, slug, 'schema.graphql'),
      port: servicePort(slug, env),
    }))
    .sort((a, b) => a.port - b.port);
}
