import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdl } from '@hub/subgraph-kit';
import type { SubgraphEntry } from './subgraphList';

export type Composition = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the subgraphs' SDL (schema.graphql + the kit's shared types) into a supergraph. */
export function composeSupergraph(
  subgraphs: SubgraphEntry[],
  sdlOf: (s: SubgraphEntry) => string = (s) => subgraphSdl(s.schemaFile),
): Composition {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.slug, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(sdlOf(s)) })),
  );
  if (result.errors?.length || !result.supergraphSdl) {
    return { ok: false, errors: (result.errors ?? []).map((e) => e.message) };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl };
}
