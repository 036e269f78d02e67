import { Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  buildASTSchema,
  DocumentNode,
  GraphQLSchema,
  Kind,
  ObjectTypeDefinitionNode,
  ObjectTypeExtensionNode,
  parse,
  print,
  TypeNode,
} from 'graphql';
import { keyFieldsOf } from '@hub/subgraph-kit/src/testing/checkSchemaConventions';

export type ChangeLevel = 'breaking' | 'dangerous' | 'safe';

/** One difference between the baseline and the working tree, classified. */
export interface SchemaChange {
  /** The subgraph's slug, or `supergraph` for the composed API schema. */
  scope: string;
  level: ChangeLevel;
  /** graphql-inspector's change type, or PERSON_KEY_CONTRACT / SUBGRAPH_ADDED / SUBGRAPH_REMOVED. */
  type: string;
  /** Schema coordinate, e.g. DepartmentFigure.overlap. */
  path?: string;
  message: string;
  /** Why the change is dangerous or breaking, when graphql-inspector says. */
  why?: string;
}

const levels: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

/** A subgraph's SDL as a plain schema: federation's directives are kept on the AST, not validated. */
export function buildSdlSchema(sdl: string | DocumentNode): GraphQLSchema {
  return buildASTSchema(typeof sdl === 'string' ? parse(sdl) : sdl, { assumeValidSDL: true });
}

function printType(type: TypeNode): string {
  return print(type);
}

/** Person's key contract in one SDL: its @key fields and the type of Person.id (undefined: no Person). */
export function personKeyContract(sdl: string): { keys: string[]; idType: string | undefined } | undefined {
  const person = parse(sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
      (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) && d.name.value === 'Person',
  );
  if (!person) return undefined;
  const id = person.fields?.find((f) => f.name.value === 'id');
  return { keys: keyFieldsOf(person.directives).sort(), idType: id ? printType(id.type) : undefined };
}

/** Any change to the @key fields or Person.id's type breaks every subgraph that resolves Person. */
function personKeyChanges(scope: string, before: string, after: string, checkKeys: boolean): SchemaChange[] {
  const was = personKeyContract(before);
  const now = personKeyContract(after);
  if (!was && !now) return [];
  const out: SchemaChange[] = [];
  const change = (path: string, message: string) =>
    out.push({
      scope,
      level: 'breaking',
      type: 'PERSON_KEY_CONTRACT',
      path,
      message,
      why: 'Person 是全图的实体，键契约变更会使其他子图无法解析同一个人 (every subgraph resolves Person by this key)',
    });
  if (was && !now)
    return [
      { scope, level: 'breaking', type: 'PERSON_KEY_CONTRACT', path: 'Person', message: 'Person 实体被删除 (Person entity removed)' },
    ];
  if (!was && now) return [];
  const show = (keys: string[]) => keys.map((k) => `@key(fields: "${k}")`).join(' ') || '(none)';
  if (checkKeys && was!.keys.join('|') !== now!.keys.join('|'))
    change('Person', `Person 实体键变更 key changed: ${show(was!.keys)} → ${show(now!.keys)}`);
  if (was!.idType !== now!.idType)
    change('Person.id', `Person.id 类型变更 type changed: ${was!.idType ?? '(none)'} → ${now!.idType ?? '(none)'}`);
  return out;
}

/**
 * Classifies every change between two versions of one schema with graphql-inspector's `diff`
 * (breaking / dangerous / safe), then applies the hub's own rule: any change to Person's key
 * contract is breaking, whatever the library thinks of it.
 */
export async function classifySchemaChanges(
  scope: string,
  before: string,
  after: string,
  options: { checkKeys: boolean },
): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(buildSdlSchema(before), buildSdlSchema(after));
  const contract = personKeyChanges(scope, before, after, options.checkKeys);
  const out: SchemaChange[] = changes.map((c) => ({
    scope,
    level: levels[c.criticality.level] ?? 'breaking',
    type: String(c.type),
    path: c.path,
    message: c.message,
    why: c.criticality.reason,
  }));
  // The contract entry names a key change once; the library's directive-argument entries about it are noise.
  const keyUsage = (c: SchemaChange) => c.path === 'Person.@key' || !!c.path?.startsWith('Person.@key.');
  const kept = contract.some((c) => c.path === 'Person') ? out.filter((c) => !keyUsage(c)) : out;
  for (const change of kept)
    if (keyUsage(change) || change.path === 'Person.id' || change.path?.startsWith('Person.id.')) change.level = 'breaking';
  return [...contract, ...kept];
}
