import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import {
  BREAK,
  DocumentNode,
  FormattedExecutionResult,
  GraphQLSchema,
  isInterfaceType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  visit,
  OperationTypeNode,
} from 'graphql';
import { principalKey } from '@hub/auth';
import type { GatewayContext } from './GatewayContext';

/**
 * Fields that do something besides reading: the full ID number (`idNumber(purpose:)` on each department's
 * person), whose every reveal is written to the audit log, and the lookup by ID number (`person(idNumber:,
 * purpose:)`), audited found or not. A request that asks for one is never shared, at the gateway or toward
 * a subgraph, so each is audited. The gateway derives the set from its schema (auditedFieldNames); this is
 * the same set for where no schema is at hand (a subgraph request body), and a test holds the two equal.
 * By name alone a department's own `person` field is caught too: such reads are then neither shared nor
 * retried, which costs a little speed and never an audit row.
 */
export const AUDITED_FIELDS: ReadonlySet<string> = new Set(['idNumber', 'person']);

const derived = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/** Names of the fields that are audited reads: every field taking a `purpose` (a reveal must state one). */
export function auditedFieldNames(schema: GraphQLSchema): ReadonlySet<string> {
  let names = derived.get(schema);
  if (!names) {
    const found = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) if (field.args.some((a) => a.name === 'purpose')) found.add(field.name);
    }
    names = found;
    derived.set(schema, names);
  }
  return names;
}

/** Verdicts per set of names and parsed document: Apollo keeps parsed documents, so a repeated query is judged once. */
const verdicts = new WeakMap<ReadonlySet<string>, WeakMap<DocumentNode, boolean>>();

/**
 * True when a parsed document selects an audited field anywhere: in an operation, a fragment or an
 * inline fragment, under any alias, with any arguments or variables. Decided from the syntax tree, so
 * commas, comments and whitespace, which the parser drops, cannot hide one; a field skipped by a
 * directive counts too (never share on a guess).
 */
export function revealsAudited(document: DocumentNode, names: ReadonlySet<string> = AUDITED_FIELDS): boolean {
  let judged = verdicts.get(names);
  if (!judged) verdicts.set(names, (judged = new WeakMap()));
  const known = judged.get(document);
  if (known !== undefined) return known;
  let reveals = false;
  visit(document, {
    Field(node) {
      if (!names.has(node.name.value)) return undefined;
      reveals = true;
      return BREAK;
    },
  });
  judged.set(document, reveals);
  return reveals;
}

/** Subgraph request bodies already judged (the query planner sends the same few texts over and over). */
const bodies = new Map<string, boolean>();
const BODIES_KEPT = 1000;

/**
 * True when a subgraph request body (JSON with a `query`) asks for an audited field. A body that does
 * not contain an audited field's name cannot select it (names cannot be escaped in GraphQL, and a JSON
 * escape is looked for too), so most bodies are judged without parsing; the rest are parsed. A body
 * that cannot be read is treated as revealing.
 */
export function hasSideEffects(body: string): boolean {
  if (![...AUDITED_FIELDS].some((name) => body.includes(name)) && !body.includes('\\u')) return false;
  const known = bodies.get(body);
  if (known !== undefined) return known;
  let query: unknown = body;
  try {
    query = (JSON.parse(body) as { query?: unknown } | null)?.query;
  } catch {
    // Not JSON: the text is the operation itself.
  }
  let reveals = true;
  try {
    reveals = typeof query !== 'string' || revealsAudited(parse(query));
  } catch {
    // Unparseable: the subgraph will refuse it, but it is not shared on a guess.
  }
  if (bodies.size >= BODIES_KEPT) bodies.clear();
  bodies.set(body, reveals);
  return reveals;
}

/** True when an operation may be answered for several identical requests at once: a query with no audited field. */
export function mayShare(document: DocumentNode, operationName?: string | null, names: ReadonlySet<string> = AUDITED_FIELDS): boolean {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  return operation?.operation === OperationTypeNode.QUERY && !revealsAudited(document, names);
}

/**
 * Identical queries by the same caller that arrive while the first is still running wait for its
 * answer instead of being planned, fetched and shaped again: twenty dashboards polling countyProgress
 * with one token at the same moment cost one execution. "Identical" is the same principal (subject,
 * role, department), the same document, operation name and variables; mutations and audited reads (the
 * ID reveal, judged from the parsed document) never share. A waiting request gets the first one's
 * formatted result (data and errors); if that one ends without a single result, the waiting request
 * runs on its own. HUB_SHARE_IDENTICAL_QUERIES=0 turns this off.
 */
export function shareIdenticalQueries(): ApolloServerPlugin<GatewayContext> {
  const inflight = new Map<string, Promise<FormattedExecutionResult | undefined>>();
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<GatewayContext>> {
      let leading: { key: string; settle: (result: FormattedExecutionResult | undefined) => void } | undefined;
      return {
        async responseForOperation(ctx) {
          const principal = ctx.contextValue.principal;
          if (ctx.operation?.operation !== OperationTypeNode.QUERY || !principal || !ctx.document) return null;
          if (revealsAudited(ctx.document, auditedFieldNames(ctx.schema))) return null;
          const key = `${principalKey(principal)}\u0000${ctx.queryHash}\u0000${ctx.operationName ?? ''}\u0000${JSON.stringify(ctx.request.variables ?? {})}`;
          const first = inflight.get(key);
          if (!first) {
            let settle!: (result: FormattedExecutionResult | undefined) => void;
            inflight.set(key, new Promise((resolve) => (settle = resolve)));
            leading = { key, settle };
            return null;
          }
          const result = await first;
          return result ? { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: result } } : null;
        },
        async willSendResponse(ctx) {
          if (!leading) return;
          inflight.delete(leading.key);
          leading.settle(ctx.response.body.kind === 'single' ? ctx.response.body.singleResult : undefined);
        },
      };
    },
  };
}
