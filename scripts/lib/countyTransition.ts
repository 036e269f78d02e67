import { Kind, parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import type { SubgraphSource } from './schema-check/subgraphSources';

/** Object types both subgraphs define (not the roots, not Person, whose fields move by @override): each must be @shareable while both serve them. */
function sharedValueTypes(a: DocumentNode, b: DocumentNode): Set<string> {
  const valueTypes = (doc: DocumentNode) =>
    new Set(
      doc.definitions
        .filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && !['Query', 'Mutation', 'Person'].includes(d.name.value))
        .map((d) => (d as { name: { value: string } }).name.value),
    );
  const inB = valueTypes(b);
  return new Set([...valueTypes(a)].filter((name) => inB.has(name)));
}

function markShareable(doc: DocumentNode, names: Set<string>): string {
  const definitions = doc.definitions.map((d): DefinitionNode => {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION || !names.has(d.name.value) || d.directives?.some((x) => x.name.value === 'shareable'))
      return d;
    return {
      ...d,
      directives: [...(d.directives ?? []), { kind: Kind.DIRECTIVE, name: { kind: Kind.NAME, value: 'shareable' }, arguments: [] }],
    };
  });
  return print({ ...doc, definitions });
}

/**
 * The subgraphs of the supergraph a running county composes while it moves to the county service without downtime
 * (docs/county-service.md): hrss as it still runs (its schema before the move) beside the new county service, whose
 * fields take over with @override(from: "hrss"). The other types both define (CountyProgress, PersonConnection, …) are
 * marked @shareable in both for the time both run: both answer them alike.
 */
export function countyTransitionSources(current: SubgraphSource[], hrssBeforeSdl: string): SubgraphSource[] {
  const county = current.find((s) => s.slug === 'county');
  const hrss = current.find((s) => s.slug === 'hrss');
  if (!county || !hrss) throw new Error('subgraphs/county and subgraphs/hrss are both needed');
  const before = parse(hrssBeforeSdl);
  const countyDoc = parse(county.sdl);
  const shared = sharedValueTypes(before, countyDoc);
  return current.map((s) => {
    if (s.slug === 'hrss') return { ...s, sdl: markShareable(before, shared) };
    if (s.slug === 'county') return { ...s, sdl: markShareable(countyDoc, shared) };
    return s;
  });
}
