import fs from 'node:fs';
import path from 'node:path';
import { composeApiSchema, printApiSchema } from './composeApiSchema';
import { BASELINE_DIR, SUPERGRAPH } from './runSchemaCheck';
import { subgraphSources } from './subgraphSources';

export type BaselineResult = { ok: true; written: string[]; removed: string[] } | { ok: false; errors: string[] };

const header = (what: string) =>
  `# 模式基线 schema baseline: ${what}\n# Written by \`npm run schema:baseline\` when a release is cut; \`npm run schema:check\` compares against it. Do not edit.\n\n`;

/**
 * Writes schema-check/baseline/: each subgraph's SDL as served and the composed API schema.
 * Refuses while the subgraphs do not compose (a baseline must be a graph that works).
 */
export function writeSchemaBaseline(root: string): BaselineResult {
  const sources = subgraphSources(root);
  const composition = composeApiSchema(sources);
  if (!composition.ok) return { ok: false, errors: composition.errors.map((e) => `[${e.code}] ${e.message}`) };
  const dir = path.join(root, BASELINE_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const source of sources) {
    const file = path.join(BASELINE_DIR, `${source.slug}.graphql`);
    fs.writeFileSync(
      path.join(root, file),
      header(`subgraph ${source.slug} (${source.file} + the kit's shared types)`) + source.sdl.trimEnd() + '\n',
    );
    written.push(file);
  }
  const api = path.join(BASELINE_DIR, `${SUPERGRAPH}.graphql`);
  fs.writeFileSync(
    path.join(root, api),
    header('API schema of the composed supergraph (what clients of the gateway see)') + printApiSchema(composition.apiSchema) + '\n',
  );
  written.push(api);
  const removed: string[] = [];
  for (const file of fs.readdirSync(dir)) {
    const slug = file.replace(/\.graphql$/, '');
    if (file.endsWith('.graphql') && slug !== SUPERGRAPH && !sources.some((s) => s.slug === slug)) {
      fs.rmSync(path.join(dir, file));
      removed.push(path.join(BASELINE_DIR, file));
    }
  }
  return { ok: true, written, removed };
}
