/**
 * npm run new-department -- <slug> <中文名称> [--english "Market Regulation Bureau"]
 *
 * Adds a seventh (eighth …) department: subgraphs/<slug>/ from the kit's template, one entry in the
 * department registry (from which the Department enum, its labels, the next free port and the service
 * list derive), the docker-compose service and database, the lists tests pin, the workspace in
 * package-lock.json, and a freshly composed gateway/supergraph.graphql.
 * Runs from any clean tree; nothing needs editing by hand for the department to start, answer
 * through the gateway and feed the holder index.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPorts } from '@hub/runtime';
import { departmentLabels, departments, departmentSlug } from '@hub/vocabulary';
import { addToDockerCompose, addToDockerfile, addToMysqlInit, DeploymentDepartment } from './lib/deploymentEdits';
import { departmentFiles } from './lib/departmentFiles';
import { departmentNames, labelProblem, slugProblem } from './lib/departmentNames';
import { addPropertyToObjectsHolding, appendArrayObject, appendToStringArraysHolding, SourceEdit } from './lib/sourceEdits';
import { root } from './lib/subgraphList';
import { addWorkspaceToLock } from './lib/workspaceLock';

function fail(message: string): never {
  console.error(`✗ ${message}`);
  process.exit(1);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { english: { type: 'string' } } });
const [slug, label] = positionals;
if (!slug || !label)
  fail(
    '用法 usage: npm run new-department -- <slug> <中文名称> [--english "English name"]\n  e.g. npm run new-department -- market-regulation 市场监督管理局',
  );
const problem = slugProblem(slug) ?? labelProblem(label);
if (problem) fail(problem);

const names = departmentNames(slug, label, values.english);
if (fs.existsSync(path.join(root, 'subgraphs', slug))) fail(`subgraphs/${slug} 已存在 (already exists)`);
if ((departments as readonly string[]).includes(names.code))
  fail(`部门代码 ${names.code} 已在 Department 枚举中 (already in the Department enum)`);
if (defaultPorts[slug] !== undefined) fail(`${slug} 已有默认端口 (already has a default port) ${defaultPorts[slug]}`);
const sameLabel = departments.find((d) => departmentLabels[d] === label);
if (sameLabel) fail(`“${label}”已是 ${sameLabel} 的名称 (already the name of ${departmentSlug[sameLabel]})`);

const port = Math.max(...Object.values(defaultPorts)) + 1;
const currentSlugs = departments.map((d) => departmentSlug[d]);
const currentLabels = departments.map((d) => departmentLabels[d]);
const q = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

interface FileChange {
  file: string;
  text: string;
  notes: string[];
}

/** Planned edits of existing files: all computed before anything is written. */
const changes: FileChange[] = [];
const problems: string[] = [];
const warnings: string[] = [];

function read(file: string): string | undefined {
  const full = path.join(root, file);
  return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : undefined;
}

/** Applies source edits in order; `required` ones must find their anchor. */
function editSource(file: string, steps: { what: string; required: boolean; run: (text: string) => SourceEdit }[]): void {
  const original = read(file);
  if (original === undefined) {
    for (const step of steps) (step.required ? problems : warnings).push(`${file} 不存在 (missing): ${step.what}`);
    return;
  }
  let text = original;
  const notes: string[] = [];
  for (const step of steps) {
    const result = step.run(text);
    if (!result.found)
      (step.required ? problems : warnings).push(
        `${file}: 未找到 ${step.what} (anchor not found)${step.required ? '' : '; update it by hand if needed'}`,
      );
    if (result.changed) notes.push(`${file}: ${step.what}`);
    text = result.text;
  }
  if (text !== original) changes.push({ file, text, notes });
}

// The one registry the Department enum, its labels and English names, the ports and the service list derive from.
const entry = [
  `code: ${q(names.code)}`,
  `slug: ${q(slug)}`,
  `label: ${q(label)}`,
  `english: ${q(names.english)}`,
  `port: ${port}`,
  `typePrefix: ${q(names.typePrefix)}`,
  `personField: ${q(names.personField)}`,
];
editSource('packages/vocabulary/src/departmentRegistry.ts', [
  {
    what: `departmentRegistry += ${names.code} (${slug}, ${label}, port ${port})`,
    required: true,
    run: (t) => appendArrayObject(t, 'departmentRegistry', 'code', names.code, `{ ${entry.join(', ')} }`),
  },
]);
// Tests that pin the list of departments get the new one too (the diff shows it to the reviewer).
editSource('packages/vocabulary/src/enums.test.ts', [
  { what: 'the pinned list of department labels', required: false, run: (t) => appendToStringArraysHolding(t, currentLabels, label) },
  { what: 'the pinned list of department slugs', required: false, run: (t) => appendToStringArraysHolding(t, currentSlugs, slug) },
]);
editSource('test/federation.test.ts', [
  {
    what: `personFields['${slug}']`,
    required: false,
    run: (t) =>
      addPropertyToObjectsHolding(
        t,
        currentSlugs,
        slug,
        q(`${names.personField} { certificates { certificateNumber } trainings { programme } }`),
      ),
  },
]);

const deployment: DeploymentDepartment = { slug, envKey: names.envKey, port, label };
for (const [file, edit] of [
  ['docker-compose.yml', addToDockerCompose],
  ['deploy/mysql/init.sh', addToMysqlInit],
  ['deploy/Dockerfile', addToDockerfile],
] as const) {
  const text = read(file);
  if (text === undefined) continue;
  const result = edit(text, deployment);
  if (result.text !== text) changes.push({ file, text: result.text, notes: result.notes });
  else warnings.push(...result.notes);
}

const files = departmentFiles(names, port, Date.now());
const packageJson = JSON.parse(files['package.json']) as { name: string; version: string; dependencies: Record<string, string> };
const lock = read('package-lock.json');
if (lock !== undefined) {
  const result = addWorkspaceToLock(lock, { folder: `subgraphs/${slug}`, ...packageJson });
  if (result.changed)
    changes.push({ file: 'package-lock.json', text: result.text, notes: [`package-lock.json: workspace subgraphs/${slug}`] });
}

if (problems.length) fail(`无法自动接入 cannot wire the department in; nothing was written:\n  - ${problems.join('\n  - ')}`);

// Everything is known: write.
const folder = path.join(root, 'subgraphs', slug);
for (const [file, content] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
  fs.writeFileSync(path.join(folder, file), content);
}
for (const change of changes) fs.writeFileSync(path.join(root, change.file), change.text);
// The workspace link npm would make, so `@hub/subgraph-<slug>` resolves before the next npm install.
const hubModules = path.join(root, 'node_modules', '@hub');
const link = path.join(hubModules, `subgraph-${slug}`);
if (fs.existsSync(hubModules) && !fs.existsSync(link)) fs.symlinkSync(path.join('..', '..', 'subgraphs', slug), link);

console.log(`✓ 新部门 new department ${label} (${names.english}): subgraphs/${slug}/, Department.${names.code}, port ${port}`);
for (const file of Object.keys(files)) console.log(`  + subgraphs/${slug}/${file}`);
for (const change of changes) for (const note of change.notes.length ? change.notes : [change.file]) console.log(`  ~ ${note}`);
for (const warning of warnings) console.log(`  ! ${warning}`);

// A fresh process: this one loaded the vocabulary before the enum was edited.
console.log('\n组合超图 composing the supergraph (npm run compose) …');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const compose = spawnSync(tsx, [path.join(root, 'scripts', 'compose.ts')], { cwd: root, stdio: 'inherit' });
if (compose.status !== 0)
  fail('组合失败 composition failed: see above; fix subgraphs/' + slug + '/schema.graphql and run `npm run compose`');
// Its resolver and argument types from its SDL, as `npm run compose` writes them (codegen:check holds them in CI).
const codegen = spawnSync(tsx, [path.join(root, 'scripts', 'codegen.ts'), slug], { cwd: root, stdio: 'inherit' });
if (codegen.status !== 0) fail('生成类型失败 codegen failed: see above; run `npm run codegen -- ' + slug + '`');

const steps: [string, string][] = [
  [`npx jest subgraphs/${slug}`, "契约测试 the department's contract tests"],
  [`npm run schema:check -- ${slug}`, '对照基线检查 schema check against the baseline'],
  ['npm start', `启动全部服务 start everything (the new subgraph on :${port})`],
];
const width = Math.max(...steps.map(([command]) => command.length)) + 3;
console.log('\n下一步 next steps:');
for (const [command, what] of steps) console.log(`  ${command.padEnd(width)}${what}`);
console.log(`  补充 subgraphs/${slug}/README.md 与 schema.graphql 的说明 (fill in what the department owns); see docs/department-guide.md`);
