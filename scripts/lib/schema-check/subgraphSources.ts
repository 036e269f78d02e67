import fs from 'node:fs';
import path from 'node:path';
import { sharedSdl } from '@hub/subgraph-kit';
import { defaultPorts } from '@hub/runtime';

/** One subgraph's SDL as it would be served: its schema.graphql followed by the kit's shared types. */
export interface SubgraphSource {
  slug: string;
  /** Relative to the repository root, for messages. */
  file: string;
  sdl: string;
  /** Default port (only used in the supergraph's URLs); 0 when the slug has none yet. */
  port: number;
}

/** Every subgraphs/<slug>/schema.graphql under `root`, hrss first, then in port order. */
export function subgraphSources(root: string): SubgraphSource[] {
  const base = path.join(root, 'subgraphs');
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .filter((slug) => fs.existsSync(path.join(base, slug, 'schema.graphql')))
    .map((slug) => ({
      slug,
      file: path.join('subgraphs', slug, 'schema.graphql'),
      sdl: `${fs.readFileSync(path.join(base, slug, 'schema.graphql'), 'utf8')}\n${sharedSdl}`,
      port: defaultPorts[slug] ?? 0,
    }))
    .sort((a, b) => (a.port || 65536) - (b.port || 65536) || a.slug.localeCompare(b.slug));
}
