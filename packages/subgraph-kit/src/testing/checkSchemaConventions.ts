import {
  ConstDirectiveNode,
  DefinitionNode,
  FieldDefinitionNode,
  InputValueDefinitionNode,
  Kind,
  parse,
  TypeDefinitionNode,
  TypeNode,
} from 'graphql';
import { sharedSdl } from '../sharedSdl';

/** The naming and documentation rules of docs/department-guide.md, one id each. */
export type ConventionRule =
  'type-name' | 'type-prefix' | 'field-name' | 'enum-value' | 'description' | 'mutation-name' | 'query-name' | 'person-key';

export interface ConventionViolation {
  rule: ConventionRule;
  /** `Type`, `Type.field` or `Type.field(argument)`. */
  path: string;
  message: string;
}

export interface ConventionOptions {
  /** e.g. Education: every type of the department starts with it. */
  typePrefix: string;
  /** e.g. education: the department's field on Person and the start of its query names. */
  personField: string;
  /**
   * Reviewed exceptions: a path (`Type`, `Type.field`) exempt from every rule, with the reason.
   * Keep it short; each entry is a debt the department owes its users.
   */
  exceptions?: Readonly<Record<string, string>>;
  /** Allowed first words of mutation names. */
  mutationVerbs?: readonly string[];
  /**
   * hrss only: it owns the county-wide types (the Person master, CountyProgress, the holder index)
   * and the county's entry queries (person, people, countyProgress), so the prefix rules
   * (type-prefix, query-name) do not apply to it. Every other rule does.
   */
  countyWide?: boolean;
}

/** What a mutation may start with: it says what happens to the records. */
export const defaultMutationVerbs = [
  'record',
  'revoke',
  'correct',
  'withdraw',
  'register',
  'import',
  'set',
  'sync',
  'approve',
  'suspend',
  'close',
  'reopen',
] as const;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const PASCAL = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL = /^[a-z][A-Za-z0-9]*$/;
const SCREAMING_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** Relay plumbing: the edge and connection fields say what they are by their type. */
const CONNECTION_FIELDS = new Set(['edges', 'nodes', 'pageInfo']);
const EDGE_FIELDS = new Set(['cursor', 'node']);

/** Names of the types every department gets from the kit (vocabulary enums, Date, PageInfo …). */
export function sharedTypeNames(): Set<string> {
  return new Set(
    parse(sharedSdl)
      .definitions.filter(isTypeDefinition)
      .map((d) => d.name.value),
  );
}

function isTypeDefinition(definition: DefinitionNode): definition is TypeDefinitionNode {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.UNION_TYPE_DEFINITION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION
  );
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function printType(type: TypeNode): string {
  if (type.kind === Kind.NON_NULL_TYPE) return `${printType(type.type)}!`;
  if (type.kind === Kind.LIST_TYPE) return `[${printType(type.type)}]`;
  return type.name.value;
}

/** `@key(fields: "…")` values of a type, as written. */
export function keyFieldsOf(directives: readonly ConstDirectiveNode[] | undefined): string[] {
  return (directives ?? [])
    .filter((d) => d.name.value === 'key')
    .map((d) => d.arguments?.find((a) => a.name.value === 'fields')?.value)
    .map((v) => (v && v.kind === Kind.STRING ? v.value.trim().replace(/\s+/g, ' ') : '?'));
}

const isEdge = (t: TypeDefinitionNode) =>
  t.kind === Kind.OBJECT_TYPE_DEFINITION && t.name.value.endsWith('Edge') && (t.fields ?? []).some((f) => f.name.value === 'node');
const isConnection = (t: TypeDefinitionNode) =>
  t.kind === Kind.OBJECT_TYPE_DEFINITION &&
  t.name.value.endsWith('Connection') &&
  (t.fields ?? []).some((f) => f.name.value === 'pageInfo');

/**
 * Checks a department subgraph's SDL (as served: its schema.graphql plus the kit's shared types)
 * against the house conventions. Shared types and federation's own types are not the
 * department's to name and are skipped. An empty list means the schema follows them all.
 */
export function checkSchemaConventions(sdl: string, options: ConventionOptions): ConventionViolation[] {
  const { typePrefix: P, personField } = options;
  const exceptions = options.exceptions ?? {};
  const verbs = options.mutationVerbs ?? defaultMutationVerbs;
  const shared = sharedTypeNames();
  const document = parse(sdl);
  const types = document.definitions.filter(isTypeDefinition).filter((d) => !d.name.value.startsWith('_') && !d.name.value.includes('__'));
  const described = new Set(types.filter((t) => t.description?.value.trim()).map((t) => t.name.value));
  const enumsAndScalars = new Set(
    types.filter((t) => t.kind === Kind.ENUM_TYPE_DEFINITION || t.kind === Kind.SCALAR_TYPE_DEFINITION).map((t) => t.name.value),
  );
  const out: ConventionViolation[] = [];
  const report = (rule: ConventionRule, path: string, message: string) => {
    const typeName = path.split('.')[0];
    if (exceptions[path] === undefined && exceptions[typeName] === undefined) out.push({ rule, path, message });
  };
  /** A field that only repeats a documented type (`kind: CertificateKind!`) takes that type's description. */
  const selfDescribing = (type: TypeNode) => {
    const name = namedType(type);
    return !BUILT_IN_SCALARS.has(name) && (described.has(name) || enumsAndScalars.has(name) || shared.has(name));
  };

  for (const type of types) {
    const name = type.name.value;
    if (shared.has(name)) continue;
    const root = ROOT_TYPES.has(name);
    if (!PASCAL.test(name)) report('type-name', name, `类型名须为 PascalCase (type names are PascalCase): ${name}`);
    if (
      !options.countyWide &&
      !root &&
      name !== 'Person' &&
      !(name.startsWith(P) && (name.length === P.length || /[A-Z]/.test(name[P.length])))
    ) {
      report('type-prefix', name, `类型须以部门前缀 ${P} 开头 (types start with the department's prefix ${P}): ${name}`);
    }
    if (!root && !isEdge(type) && !type.description?.value.trim())
      report('description', name, `类型缺少说明 (type has no description): ${name}`);

    if (type.kind === Kind.ENUM_TYPE_DEFINITION) {
      for (const value of type.values ?? []) {
        const path = `${name}.${value.name.value}`;
        if (!SCREAMING_SNAKE.test(value.name.value))
          report('enum-value', path, `枚举值须为 SCREAMING_SNAKE (enum values are SCREAMING_SNAKE): ${path}`);
        if (!value.description?.value.trim()) report('description', path, `枚举值缺少说明 (enum value has no description): ${path}`);
      }
    }

    const fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] =
      type.kind === Kind.OBJECT_TYPE_DEFINITION ||
      type.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      type.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION
        ? (type.fields ?? [])
        : [];
    for (const field of fields) {
      const fieldName = field.name.value;
      const path = `${name}.${fieldName}`;
      if (fieldName.startsWith('_')) continue;
      if (!CAMEL.test(fieldName)) report('field-name', path, `字段名须为 camelCase (field names are camelCase): ${path}`);
      const plumbing = (isEdge(type) && EDGE_FIELDS.has(fieldName)) || (isConnection(type) && CONNECTION_FIELDS.has(fieldName));
      const identifier = fieldName === 'id' && namedType(field.type) === 'ID';
      if (!root && !field.description?.value.trim() && !plumbing && !identifier && !selfDescribing(field.type)) {
        report('description', path, `字段缺少说明 (field has no description): ${path}: ${printType(field.type)}`);
      }
      if (root && !field.description?.value.trim()) report('description', path, `根字段缺少说明 (root field has no description): ${path}`);
      if (field.kind === Kind.FIELD_DEFINITION) {
        for (const argument of field.arguments ?? []) {
          if (!CAMEL.test(argument.name.value))
            report(
              'field-name',
              `${path}(${argument.name.value})`,
              `参数名须为 camelCase (arguments are camelCase): ${path}(${argument.name.value})`,
            );
        }
      }
      if (name === 'Mutation' && !verbs.some((verb) => fieldName.startsWith(verb) && /[A-Z]/.test(fieldName.charAt(verb.length)))) {
        report('mutation-name', path, `变更须以动词开头 (mutations start with a verb: ${verbs.join('/')}): ${fieldName}`);
      }
      if (
        name === 'Query' &&
        !options.countyWide &&
        !(fieldName.startsWith(personField) && /[A-Z]/.test(fieldName.charAt(personField.length)))
      ) {
        report(
          'query-name',
          path,
          `查询须以 ${personField} 开头，避免与其他部门重名 (query fields start with ${personField}): ${fieldName}`,
        );
      }
    }
  }

  const person = types.find((t) => t.name.value === 'Person');
  if (!person || person.kind !== Kind.OBJECT_TYPE_DEFINITION) {
    report('person-key', 'Person', '缺少 Person 实体 (no Person entity): every department adds its records to Person');
  } else {
    const keys = keyFieldsOf(person.directives);
    if (keys.length !== 1 || keys[0] !== 'id')
      report(
        'person-key',
        'Person',
        `Person 的键须为 @key(fields: "id") (the key contract), found ${keys.map((k) => `@key(fields: "${k}")`).join(' ') || 'none'}`,
      );
    const id = person.fields?.find((f) => f.name.value === 'id');
    if (!id || printType(id.type) !== 'ID!')
      report('person-key', 'Person.id', `Person.id 须为 ID! (the key contract), found ${id ? printType(id.type) : 'none'}`);
    const own = person.fields?.find((f) => f.name.value === personField);
    if (!own || namedType(own.type) !== `${P}Records`) {
      report(
        'person-key',
        `Person.${personField}`,
        `Person 须有本部门字段 ${personField}: ${P}Records (the department's records hang off Person)`,
      );
    }
  }
  return out;
}

/** One line per violation, for test failure messages and reports. */
export function formatViolations(violations: readonly ConventionViolation[]): string[] {
  return violations.map((v) => `[${v.rule}] ${v.message}`);
}
