import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  OperationDefinitionNode,
  typeFromAST,
} from 'graphql';

export interface VariableLimits {
  /** Values allowed in all variables together (every scalar, list item and object field counts one). */
  maxValues: number;
  /** Lists and objects allowed inside one another in a variable. */
  maxDepth: number;
}

export const defaultVariableLimits: VariableLimits = { maxValues: 1_000, maxDepth: 10 };

/** The limits from HUB_MAX_VARIABLE_VALUES and HUB_MAX_VARIABLE_DEPTH when set (positive numbers), else the defaults. */
export function variableLimitsFromEnv(env: NodeJS.ProcessEnv): VariableLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} 须为正数 (must be a positive number), got "${raw}"`);
    return value;
  };
  return {
    maxValues: read('HUB_MAX_VARIABLE_VALUES', defaultVariableLimits.maxValues),
    maxDepth: read('HUB_MAX_VARIABLE_DEPTH', defaultVariableLimits.maxDepth),
  };
}

const refused = (message: string, reason: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } } });

/**
 * Why a request's variables are refused, or null. One iterative walk over the values, guided by the
 * operation's declared types: too many values, nesting too deep, or a field an input object does not
 * have. graphql-js would report each unknown field with the whole object printed into its message
 * (time quadratic in the object: 1,600 unknown fields took 4 s in graphql-js alone, 20 s through the
 * gateway), and deeply nested values overflow the stack of recursive code further on.
 */
export function variableError(
  variables: Record<string, unknown> | undefined,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  limits: VariableLimits,
): GraphQLError | null {
  if (!variables) return null;
  const declared = new Map<string, GraphQLInputType | undefined>();
  for (const definition of operation.variableDefinitions ?? [])
    // typeFromAST's overloads take one TypeNode kind each; a variable's declared type is their union.
    declared.set(definition.variable.name.value, typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined);
  const pending: { value: unknown; type: GraphQLInputType | undefined; depth: number; path: string }[] = Object.entries(variables).map(
    ([name, value]) => ({
      value,
      type: declared.get(name),
      depth: 0,
      path: `$${name}`,
    }),
  );
  let values = 0;
  while (pending.length) {
    const { value, type: declaredType, depth, path } = pending.pop()!;
    if (++values > limits.maxValues)
      return refused(`变量含超过 ${limits.maxValues} 个值 (variables hold more than ${limits.maxValues} values)`, 'VARIABLE_VALUES_LIMIT');
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth)
      return refused(
        `变量 ${path} 嵌套超过 ${limits.maxDepth} 层 (variable nested deeper than ${limits.maxDepth})`,
        'VARIABLE_DEPTH_LIMIT',
      );
    const type = declaredType && isNonNullType(declaredType) ? declaredType.ofType : declaredType;
    if (Array.isArray(value)) {
      const item = type && isListType(type) ? type.ofType : undefined;
      value.forEach((v, i) => pending.push({ value: v, type: item, depth: depth + 1, path: `${path}[${i}]` }));
      continue;
    }
    const fields = type && isInputObjectType(type) ? type.getFields() : undefined;
    // for…in, not Object.entries: an unknown field is refused without copying a huge object first.
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (fields && !fields[key])
        return refused(
          `变量 ${path} 含未定义的字段 ${key.slice(0, 40)} (field "${key.slice(0, 40)}" is not defined by ${String(type)})`,
          'UNKNOWN_INPUT_FIELD',
        );
      pending.push({ value: v, type: fields?.[key]?.type, depth: depth + 1, path: `${path}.${key.slice(0, 40)}` });
    }
  }
  return null;
}

/** 变量限制: refuses a request whose variables break the limits before anything coerces them. */
export function variableLimitsPlugin<TContext extends object>(
  limits: VariableLimits = defaultVariableLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(ctx) {
          const error = ctx.operation ? variableError(ctx.request.variables, ctx.operation, ctx.schema, limits) : null;
          if (error) throw error;
        },
      };
    },
  };
}
