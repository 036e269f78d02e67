import { composeServices } from '@apollo/composition';
import { GraphQLSchema, lexicographicSortSchema, parse, printSchema } from 'graphql';
import type { SubgraphSource } from './subgraphSources';

export type ApiComposition =
  { ok: true; supergraphSdl: string; apiSchema: GraphQLSchema } | { ok: false; errors: { code: string; message: string }[] };

/**
 * Composes the subgraphs like `npm run compose` does and returns the API schema: what clients of
 * the gateway can query (the supergraph without federation's own types and directives).
 */
export function composeApiSchema(subgraphs: SubgraphSource[]): ApiComposition {
  const typeDefs: { name: string; url: string; typeDefs: ReturnType<typeof parse> }[] = [];
  const syntax: { code: string; message: string }[] = [];
  for (const s of subgraphs) {
    try {
      typeDefs.push({ name: s.slug, url: `http://127.0.0.1:${s.port}/graphql`, typeDefs: parse(s.sdl) });
    } catch (error) {
      syntax.push({ code: 'SYNTAX', message: `${s.file}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  if (syntax.length) return { ok: false, errors: syntax };
  const result = composeServices(typeDefs);
  if (result.errors?.length || !result.supergraphSdl) {
    return {
      ok: false,
      errors: (result.errors ?? []).map((e) => ({ code: String(e.extensions?.code ?? 'COMPOSITION'), message: e.message })),
    };
  }
  return { ok: true, supergraphSdl: result.supergraphSdl, apiSchema: result.schema.toAPISchema().toGraphQLJSSchema() };
}

/** The API schema as committed in the baseline: sorted, so that the file's diff shows only real changes. */
export function printApiSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}
