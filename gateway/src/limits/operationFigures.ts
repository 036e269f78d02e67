import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLSchema,
  GraphQLType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  OperationTypeNode,
} from 'graphql';

/** What one operation (or one fragment) would ask of the hub, with every fragment spread expanded. */
export interface Figures {
  /** Deepest field nesting (introspection fields aside). */
  depth: number;
  /** Aliased fields, counted as often as fragments repeat them. */
  aliases: number;
  /** Values the selection can produce: each field 1, times the page size of every list above it. */
  cost: number;
  /** Fields once fragments are expanded, lists not multiplied (what validation and planning walk). */
  fields: number;
  /** Fields gathered into this selection set's top level, from fragments too (what graphql-js compares pairwise). */
  breadth: number;
  /** The widest selection set anywhere below, by the same measure. */
  widest: number;
}

/** Thrown when fragments spread each other in a circle: there is nothing finite to measure. */
export class FragmentCycle extends Error {
  constructor(readonly fragment: string) {
    super(`fragment cycle through ${fragment}`);
  }
}

/** Page size assumed for `first: $variable`: validation cannot see variables, so assume the largest page. */
const VARIABLE_PAGE = 100;
/** Items assumed in a plain list such as a person's certificates. */
const LIST_GUESS = 5;
/** Figures saturate here, so a fan-out of 2^60 stays a finite number that is simply far over any limit. */
const SATURATED = 1e15;

const sat = (n: number) => (n > SATURATED ? SATURATED : n);
const NOTHING: Figures = { depth: 0, aliases: 0, cost: 0, fields: 0, breadth: 0, widest: 0 };

/** How many times a field's children are produced: its page size, a guess for plain lists, else 1. */
function fanOut(node: FieldNode, isList: boolean): number {
  for (const argument of node.arguments ?? []) {
    if (argument.name.value !== 'first' && argument.name.value !== 'limit') continue;
    const value = argument.value;
    if (value.kind === Kind.INT) return Math.max(1, Number(value.value));
    if (value.kind === Kind.VARIABLE) return VARIABLE_PAGE;
  }
  // A connection's edges and nodes are its page, already counted on the connection field.
  if (node.name.value === 'edges' || node.name.value === 'nodes') return 1;
  return isList ? LIST_GUESS : 1;
}

function composite(type: GraphQLType | null | undefined): GraphQLCompositeType | null {
  return type && isCompositeType(type) ? type : null;
}

/** The type a field returns on `parent`, the introspection entry points included. */
function fieldType(schema: GraphQLSchema, parent: GraphQLCompositeType | null, name: string): GraphQLType | null {
  if (name === '__schema') return schema.getType('__Schema') ?? null;
  if (name === '__type') return schema.getType('__Type') ?? null;
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name]?.type ?? null;
  return null;
}

/**
 * Measures a parsed document in time linear in its size: each fragment's figures are computed once and
 * reused at every spread, so a chain of fragments that each spread the next twice costs as many steps as
 * it has fragments, while its figures (which double per fragment) say what expanding it would cost.
 * Throws FragmentCycle when fragments spread each other in a circle. Unknown fragments count as empty
 * (graphql-js reports them).
 */
export function operationFigures(document: DocumentNode, schema: GraphQLSchema): Map<OperationDefinitionNode, Figures> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const measured = new Map<string, Figures>();
  const measuring = new Set<string>();

  const fragmentFigures = (name: string): Figures => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment) return NOTHING;
    if (measuring.has(name)) throw new FragmentCycle(name);
    measuring.add(name);
    const figures = selectionFigures(fragment.selectionSet, composite(schema.getType(fragment.typeCondition.name.value)));
    measuring.delete(name);
    measured.set(name, figures);
    return figures;
  };

  const selectionFigures = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType | null): Figures => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    let fields = 0;
    let breadth = 0;
    let widest = 0;
    const merge = (inner: Figures) => {
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      cost += inner.cost;
      fields += inner.fields;
      breadth += inner.breadth;
      widest = Math.max(widest, inner.widest);
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const type = fieldType(schema, parent, selection.name.value);
        const child = selection.selectionSet ? selectionFigures(selection.selectionSet, composite(type && getNamedType(type))) : NOTHING;
        // Introspection is refused in production; in development its nesting is bounded by cost, not depth.
        if (!selection.name.value.startsWith('__')) depth = Math.max(depth, 1 + child.depth);
        aliases += (selection.alias ? 1 : 0) + child.aliases;
        cost += 1 + fanOut(selection, type !== null && isListType(getNullableType(type))) * child.cost;
        fields += 1 + child.fields;
        breadth += 1;
        widest = Math.max(widest, child.widest);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? composite(schema.getType(selection.typeCondition.name.value)) : parent;
        merge(selectionFigures(selection.selectionSet, typed ?? parent));
      } else {
        merge(fragmentFigures(selection.name.value));
      }
    }
    aliases = sat(aliases);
    cost = sat(cost);
    fields = sat(fields);
    breadth = sat(breadth);
    return { depth, aliases, cost, fields, breadth, widest: Math.max(widest, breadth) };
  };

  const out = new Map<OperationDefinitionNode, Figures>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const root =
      definition.operation === OperationTypeNode.QUERY
        ? schema.getQueryType()
        : definition.operation === OperationTypeNode.MUTATION
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    out.set(definition, selectionFigures(definition.selectionSet, root ?? null));
  }
  // Fragments no operation uses are still measured, so a cycle among them is refused here too.
  for (const name of fragments.keys()) fragmentFigures(name);
  return out;
}
