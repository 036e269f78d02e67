import fs from 'node:fs';
import path from 'node:path';
import { isRole, Role } from '@hub/auth';
import { gatewayDir } from './staticFiles';

export const examplesDir = path.join(gatewayDir, '..', 'examples', 'operations');

/** examples/operations/<group>/: one folder per kind of user. */
export const exampleGroups: Record<string, string> = {
  dashboard: '看板开发者 dashboard developers',
  analyst: '数据分析人员 analysts',
  department: '部门维护人员 department maintainers',
  admin: '县级管理员 county administrator',
};

/** One saved operation the IDE offers, from a .graphql file and its `# key: value` header lines. */
export interface ExampleOperation {
  group: string;
  groupLabel: string;
  /** Path under examples/operations, e.g. analyst/holdersByTownshipAndLevel.graphql. */
  file: string;
  /** `# title:` what the example shows, in Chinese. */
  title: string;
  /** `# role:` the role whose token the example needs. */
  role: Role;
  /** `# department:` for department staff, the department slug. */
  department?: string;
  /** `# variables:` one line of JSON. */
  variables?: Record<string, unknown>;
  query: string;
}

function header(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const match = /^#\s*(\w+):\s*(.*)$/.exec(line);
    if (match) fields[match[1]] = match[2].trim();
  }
  return fields;
}

/** Every example, groups in the order above, files by name; a bad header throws naming the file. */
export function loadExampleOperations(dir: string = examplesDir): ExampleOperation[] {
  const examples: ExampleOperation[] = [];
  for (const group of Object.keys(exampleGroups)) {
    const folder = path.join(dir, group);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs
      .readdirSync(folder)
      .filter((n) => n.endsWith('.graphql'))
      .sort()) {
      const file = `${group}/${name}`;
      const query = fs.readFileSync(path.join(folder, name), 'utf8');
      const fields = header(query);
      if (!fields.title) throw new Error(`examples/operations/${file}: missing "# title:" line`);
      if (!isRole(fields.role))
        throw new Error(`examples/operations/${file}: "# role:" must be one of the hub's roles, got "${fields.role}"`);
      let variables: Record<string, unknown> | undefined;
      if (fields.variables) {
        try {
          variables = JSON.parse(fields.variables) as Record<string, unknown>;
        } catch (error) {
          throw new Error(`examples/operations/${file}: "# variables:" is not JSON (${(error as Error).message})`);
        }
      }
      examples.push({
        group,
        groupLabel: exampleGroups[group],
        file,
        title: fields.title,
        role: fields.role,
        department: fields.department,
        variables,
        query,
      });
    }
  }
  return examples;
}
