import fs from 'node:fs';
import path from 'node:path';
import { classifySchemaChanges, SchemaChange } from './classifySchemaChanges';
import { composeApiSchema, printApiSchema } from './composeApiSchema';
import { AllowEntry, loadAllowlist } from './loadAllowlist';
import { subgraphSources } from './subgraphSources';
import { OperationResult, operationFiles, validateOperations } from './validateOperations';

/** Where the committed baseline and the reviewed allowlist live, relative to the root. */
export const SCHEMA_CHECK_DIR = 'schema-check';
export const BASELINE_DIR = path.join(SCHEMA_CHECK_DIR, 'baseline');
export const ALLOWLIST_FILE = path.join(SCHEMA_CHECK_DIR, 'allowlist.json');
/** The baseline of the composed API schema (beside one file per subgraph). */
export const SUPERGRAPH = 'supergraph';

export interface CheckedChange extends SchemaChange {
  /** The allowlist entry that lets this breaking change through. */
  allowedBy?: AllowEntry;
}

export interface SchemaCheckReport {
  /** Subgraphs whose changes were classified (all, or the one asked for). */
  subgraphs: string[];
  composition: { ok: true } | { ok: false; errors: { code: string; message: string }[] };
  /** Per scope (slug or `supergraph`): its changes, baseline order. */
  changes: Record<string, CheckedChange[]>;
  /** Undefined when composition failed: nothing to validate against. */
  operations?: OperationResult[];
  operationFiles: string[];
  allowlistProblems: string[];
  /** Allowlist entries that matched nothing: stale, to delete. */
  unusedAllowEntries: AllowEntry[];
  /** Things the check could not do, e.g. no baseline yet. */
  notices: string[];
  ok: boolean;
}

export interface SchemaCheckOptions {
  root: string;
  /** Only this subgraph's own changes (composition, API changes and operations are always checked). */
  slug?: string;
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

/**
 * The offline schema check: composes the working tree's subgraph schemas, classifies each
 * subgraph's and the API schema's changes against the committed baseline, validates the
 * operations clients rely on, and decides whether the change may ship.
 */
export async function runSchemaCheck(options: SchemaCheckOptions): Promise<SchemaCheckReport> {
  const { root } = options;
  const sources = subgraphSources(root);
  const notices: string[] = [];
  const baselineDir = path.join(root, BASELINE_DIR);
  if (options.slug && !sources.some((s) => s.slug === options.slug)) {
    throw new Error(`没有子图 ${options.slug} (no subgraphs/${options.slug}/schema.graphql)`);
  }
  const composition = composeApiSchema(sources);

  const changes: Record<string, CheckedChange[]> = {};
  const baselineSlugs = fs.existsSync(baselineDir)
    ? fs
        .readdirSync(baselineDir)
        .filter((f) => f.endsWith('.graphql') && f !== `${SUPERGRAPH}.graphql`)
        .map((f) => f.slice(0, -'.graphql'.length))
    : [];
  if (!fs.existsSync(baselineDir)) notices.push(`没有基线 no baseline in ${BASELINE_DIR}: run \`npm run schema:baseline\` and commit it`);
  const slugs = [...new Set([...sources.map((s) => s.slug), ...baselineSlugs])].filter((slug) => !options.slug || slug === options.slug);
  for (const slug of slugs) {
    const before = read(path.join(baselineDir, `${slug}.graphql`));
    const after = sources.find((s) => s.slug === slug)?.sdl;
    if (before === undefined && after !== undefined) {
      changes[slug] = [
        {
          scope: slug,
          level: 'safe',
          type: 'SUBGRAPH_ADDED',
          message: `新子图，尚无基线 new subgraph, no baseline yet (subgraphs/${slug})`,
        },
      ];
    } else if (before !== undefined && after === undefined) {
      changes[slug] = [
        {
          scope: slug,
          level: 'breaking',
          type: 'SUBGRAPH_REMOVED',
          message: `子图被删除 subgraph removed (subgraphs/${slug})`,
          why: '其全部字段从图中消失 all its fields leave the graph',
        },
      ];
    } else if (before !== undefined && after !== undefined) {
      try {
        changes[slug] = await classifySchemaChanges(slug, before, after, { checkKeys: true });
      } catch (error) {
        // A schema.graphql that does not parse is reported by composition; this keeps the other sections.
        changes[slug] = [
          {
            scope: slug,
            level: 'breaking',
            type: 'UNREADABLE',
            message: `无法比较 cannot compare: ${error instanceof Error ? error.message : String(error)}`,
          },
        ];
      }
    }
  }

  let operations: OperationResult[] | undefined;
  const files = operationFiles(root);
  if (composition.ok) {
    const apiBefore = read(path.join(baselineDir, `${SUPERGRAPH}.graphql`));
    if (apiBefore !== undefined)
      changes[SUPERGRAPH] = await classifySchemaChanges(SUPERGRAPH, apiBefore, printApiSchema(composition.apiSchema), { checkKeys: false });
    else if (fs.existsSync(baselineDir))
      notices.push(`没有 API 基线 no ${BASELINE_DIR}/${SUPERGRAPH}.graphql: run \`npm run schema:baseline\``);
    operations = validateOperations(root, composition.apiSchema, files);
  }

  const allowlist = loadAllowlist(path.join(root, ALLOWLIST_FILE));
  const used = new Set<AllowEntry>();
  for (const list of Object.values(changes)) {
    for (const change of list) {
      if (change.level !== 'breaking') continue;
      const entry = allowlist.entries.find((e) => e.subgraph === change.scope && (e.change === change.message || e.change === change.path));
      if (entry) {
        change.allowedBy = entry;
        used.add(entry);
      }
    }
  }
  // With one subgraph asked for, other subgraphs' entries were not looked at: not stale.
  const unusedAllowEntries = allowlist.entries.filter((e) => !used.has(e) && (!options.slug || e.subgraph === options.slug));

  const unallowed = Object.values(changes)
    .flat()
    .filter((c) => c.level === 'breaking' && !c.allowedBy);
  const broken = (operations ?? []).filter((o) => o.problems.length);
  const ok = composition.ok && !unallowed.length && !broken.length && !allowlist.problems.length;
  return {
    subgraphs: slugs,
    composition: composition.ok ? { ok: true } : { ok: false, errors: composition.errors },
    changes,
    operations,
    operationFiles: files,
    allowlistProblems: allowlist.problems,
    unusedAllowEntries,
    notices,
    ok,
  };
}
