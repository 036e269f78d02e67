import { Kind, parse } from 'graphql';

/** The field names a schema declares on Query and Mutation, across their definitions and `extend type`s. */
export function rootFieldNames(sdl: string): Record<'Query' | 'Mutation', Set<string>> {
  const out = { Query: new Set<string>(), Mutation: new Set<string>() };
  for (const node of parse(sdl).definitions) {
    if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const root = node.name.value;
    if (root !== 'Query' && root !== 'Mutation') continue;
    for (const field of node.fields ?? []) out[root].add(field.name.value);
  }
  return out;
}
