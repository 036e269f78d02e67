import {
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  getNamedType,
  isListType,
  getNullableType,
  GraphQLField,
  GraphQLObjectType,
  isObjectType,
  isInterfaceType,
} from 'graphql';

export interface OperationLimits {
  /** Deepest field nesting allowed. */
  maxDepth: number;
  /** Aliases allowed in one document. */
  maxAliases: number;
  /** Estimated cost allowed: each field costs 1, times the page size of every list above it. */
  maxCost: number;
}

export const defaultLimits: OperationLimits = { maxDepth: 12, maxAliases: 30, maxCost: 20_000 };

function limitError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason: code } });
}

function depthOf(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, fragments, seen));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      // A fragment cycle is reported by graphql-js itself; do not loop on it here.
      if (seen.has(name) || !fragments[name]) continue;
      deepest = Math.max(deepest, depthOf(fragments[name].selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

/** 查询深度限制: refuses operations nested deeper than `max` fields. */
export function depthLimitRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const fragments = Object.fromEntries(
        context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
      );
      const depth = depthOf(node.selectionSet, fragments, new Set());
      if (depth > max) context.reportError(limitError(`查询嵌套深度 ${depth} 超过上限 ${max} (query depth ${depth} exceeds ${max})`, 'DEPTH_LIMIT'));
    },
  });
}

/** 别名数量限制: refuses documents with more than `max` aliases (alias flooding). */
export function aliasLimitRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node: FieldNode) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > max) context.reportError(limitError(`查询使用了 ${aliases} 个别名，超过上限 ${max} (${aliases} aliases exceed ${max})`, 'ALIAS_LIMIT'));
        },
      },
    };
  };
}

/** Page size assumed for `first: $variable`: validation cannot see variables, so assume the largest page. */
const VARIABLE_PAGE = 100;
/** Items assumed in a plain list such as a person's certificates. */
const LIST_GUESS = 5;

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

/** 查询成本限制: estimates the number of values an operation can produce and refuses above `max`. */
export function costLimitRule(max: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = Object.fromEntries(
      context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const costOf = (selectionSet: SelectionSetNode | undefined, parent: GraphQLObjectType | null, seen: Set<string>): number => {
      if (!selectionSet) return 0;
      let cost = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const field: GraphQLField<unknown, unknown> | undefined = parent?.getFields()[selection.name.value];
          const type = field ? getNullableType(field.type) : null;
          const named = field ? getNamedType(field.type) : null;
          const childParent = named && (isObjectType(named) || isInterfaceType(named)) ? (named as GraphQLObjectType) : null;
          cost += 1 + fanOut(selection, type !== null && isListType(type)) * costOf(selection.selectionSet, childParent, seen);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const typed = selection.typeCondition ? context.getSchema().getType(selection.typeCondition.name.value) : parent;
          cost += costOf(selection.selectionSet, typed && isObjectType(typed) ? typed : parent, seen);
        } else {
          const fragment = fragments[selection.name.value];
          if (!fragment || seen.has(fragment.name.value)) continue;
          const typed = context.getSchema().getType(fragment.typeCondition.name.value);
          cost += costOf(fragment.selectionSet, typed && isObjectType(typed) ? typed : parent, new Set([...seen, fragment.name.value]));
        }
      }
      return cost;
    };
    return {
      OperationDefinition(node) {
        const root = node.operation === 'query' ? context.getSchema().getQueryType() : node.operation === 'mutation' ? context.getSchema().getMutationType() : null;
        const cost = costOf(node.selectionSet, root ?? null, new Set());
        if (cost > max) context.reportError(limitError(`查询估算成本 ${cost} 超过上限 ${max}，请减少分页大小或字段 (estimated cost ${cost} exceeds ${max})`, 'COST_LIMIT'));
      },
    };
  };
}
