import fs from 'node:fs';
import path from 'node:path';
import {
  ASTNode,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  parse,
  specifiedRules,
  validate,
  visit,
} from 'graphql';
import { aliasLimitRule, costLimitRule, defaultLimits, depthLimitRule } from '../../../gateway/src/limits/operationLimits';

/** Folders (relative to the root) whose *.graphql files hold operations clients rely on. */
export const operationFolders = ['gateway/operations', 'examples'];

export interface OperationResult {
  /** Relative to the root. */
  file: string;
  /** The operation's name (`(anonymous)` or the file name when it cannot be parsed). */
  name: string;
  /** Why it would fail against the new API schema; empty when it still validates. */
  problems: string[];
}

/** Every *.graphql file under the operation folders, sorted. */
export function operationFiles(root: string, folders = operationFolders): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && entry.name.endsWith('.graphql')) out.push(path.relative(root, full));
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return out.sort();
}

const where = (error: GraphQLError) => (error.locations?.length ? ` [line ${error.locations[0].line}:${error.locations[0].column}]` : '');

function within(node: ASTNode, outer: ASTNode): boolean {
  return !!node.loc && !!outer.loc && node.loc.start >= outer.loc.start && node.loc.end <= outer.loc.end;
}

/** Fragments an operation uses, directly or through other fragments. */
function fragmentsUsedBy(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): Set<string> {
  const used = new Set<string>();
  const pending: ASTNode[] = [operation];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (!used.has(name) && fragments.has(name)) {
          used.add(name);
          pending.push(fragments.get(name)!);
        }
      },
    });
  }
  return used;
}

/**
 * Validates each operation of each file against the API schema with graphql-js's rules and the
 * gateway's own limits (depth, aliases, cost), and says per operation what would fail.
 */
export function validateOperations(root: string, schema: GraphQLSchema, files = operationFiles(root)): OperationResult[] {
  const rules = [
    ...specifiedRules,
    depthLimitRule(defaultLimits.maxDepth),
    aliasLimitRule(defaultLimits.maxAliases),
    costLimitRule(defaultLimits.maxCost),
  ];
  const results: OperationResult[] = [];
  for (const file of files) {
    let document: DocumentNode;
    try {
      document = parse(fs.readFileSync(path.join(root, file), 'utf8'));
    } catch (error) {
      results.push({
        file,
        name: path.basename(file),
        problems: [`语法错误 syntax error: ${error instanceof Error ? error.message : String(error)}`],
      });
      continue;
    }
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
    const problems = new Map<OperationDefinitionNode, string[]>(operations.map((o) => [o, []]));
    for (const error of validate(schema, document, rules)) {
      const message = `${error.message}${where(error)}`;
      const nodes = error.nodes ?? [];
      // An error inside an operation is that operation's; inside a fragment, every operation's that uses it.
      const owners = operations.filter((operation) => {
        if (nodes.some((node) => within(node, operation))) return true;
        const used = fragmentsUsedBy(operation, fragments);
        return nodes.some((node) => [...used].some((name) => within(node, fragments.get(name)!)));
      });
      for (const owner of owners.length ? owners : operations) problems.get(owner)!.push(message);
    }
    for (const operation of operations)
      results.push({ file, name: operation.name?.value ?? '(anonymous)', problems: problems.get(operation)! });
  }
  return results;
}
