import { GraphQLSchema, isInterfaceType, isObjectType, isUnionType, type ConstDirectiveNode } from 'graphql';

const hinted = (directives: readonly ConstDirectiveNode[] | undefined): boolean =>
  !!directives?.some((d) => d.name.value === 'cacheControl');

/**
 * Whether any type or field of the schema carries an @cacheControl hint. Apollo Server installs its
 * cache-control plugin by default, and that plugin wraps every resolver of every request to work out a
 * policy; a schema without a single hint always ends with "not cacheable", which is also what the
 * gateway assumes when a subgraph sends no Cache-Control header. So the plugin is worth running only
 * when this is true.
 */
export function hasCacheHints(schema: GraphQLSchema): boolean {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (!isObjectType(type) && !isInterfaceType(type) && !isUnionType(type)) continue;
    if (hinted(type.astNode?.directives) || type.extensionASTNodes.some((node) => hinted(node.directives))) return true;
    if (isUnionType(type)) continue;
    if (Object.values(type.getFields()).some((field) => hinted(field.astNode?.directives))) return true;
  }
  return false;
}
