import fs from 'node:fs';
import path from 'node:path';
import { demoShowcase } from '@hub/demo-data';
import { tryNormalizeCreditCode } from '@hub/identity';
import type { DepartmentDefinition } from '@hub/subgraph-kit';
import { rootFieldNames } from '@hub/subgraph-kit/src/testing';

const repo = path.join(__dirname, '..');
const subgraphsDir = path.join(repo, 'subgraphs');
const subgraphFolders = fs.readdirSync(subgraphsDir).filter((slug) => fs.existsSync(path.join(subgraphsDir, slug, 'schema.graphql')));

/** What one subgraph's README must name: the root fields of its schema and its department's own columns. */
interface ReadmeSubject {
  folder: string;
  rootFields: string[];
  /** Property name and database column of each own column (either may be written). */
  columns: { property: string; column: string }[];
}

const mentions = (text: string, name: string) => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(text);

/**
 * The files a README names in backticks (`src/…`, `packages/…`, `x.ts`), except patterns and URLs; each must exist
 * in the subgraph's folder or from the repository root.
 */
function namedFiles(text: string): string[] {
  const out = new Set<string>();
  for (const [, token] of text.matchAll(/`([^`\s]+)`/g)) {
    if (/[*<>…?=:]/.test(token) || token.startsWith('/') || token.startsWith('@')) continue;
    if (
      /\.(ts|md|json|graphql|yml|sh)$/.test(token)
        ? token.includes('/')
        : /^(src|packages|docs|subgraphs|scripts|test|gateway|deploy)\//.test(token)
    )
      out.add(token.replace(/\/$/, ''));
  }
  return [...out];
}

/** Everything wrong with a README for its subject: unnamed root fields and columns, files that are not there. */
function readmeProblems(readme: string, subject: ReadmeSubject): string[] {
  const problems: string[] = [];
  for (const field of subject.rootFields) if (!mentions(readme, field)) problems.push(`root field ${field} not mentioned`);
  for (const { property, column } of subject.columns)
    if (!mentions(readme, property) && !mentions(readme, column)) problems.push(`own column ${property} (${column}) not mentioned`);
  for (const file of namedFiles(readme))
    if (![path.join(subgraphsDir, subject.folder), repo].some((base) => fs.existsSync(path.join(base, file))))
      problems.push(`names ${file}, which does not exist`);
  return problems;
}

function subjectOf(folder: string): ReadmeSubject {
  const roots = rootFieldNames(fs.readFileSync(path.join(subgraphsDir, folder, 'schema.graphql'), 'utf8'));
  const departmentFile = path.join(subgraphsDir, folder, 'src', 'department.ts');
  const columns: ReadmeSubject['columns'] = [];
  if (fs.existsSync(departmentFile)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- each department's definition, found by folder
    const { department } = require(departmentFile) as { department: DepartmentDefinition };
    for (const table of ['training', 'certificate'] as const)
      for (const [property, spec] of Object.entries(department.columns[table] ?? {}))
        if (!columns.some((c) => c.property === property)) columns.push({ property, column: spec.name });
  }
  return { folder, rootFields: [...roots.Query, ...roots.Mutation], columns };
}

describe('README', () => {
  it('names demo ID numbers whose person has records in three or more departments', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| (\d{17}[\dX]) \| (\S+) \| ([A-Z_, ]+) \|$/gm)].map((m) => ({
      idNumber: m[1],
      name: m[2],
      departments: m[3].split(', '),
    }));
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(demoShowcase(3, 3));
  });

  it('shows only 统一社会信用代码 that pass the check, so a reader who copies one is not refused', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const codes = [...readme.matchAll(/\b(9141[0-9A-Z]{14})\b/g)].map((m) => m[1]);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((c) => tryNormalizeCreditCode(c) !== c)).toEqual([]);
  });
});

describe('each subgraph README', () => {
  it('exists for every subgraph folder', () => {
    expect(subgraphFolders.filter((folder) => !fs.existsSync(path.join(subgraphsDir, folder, 'README.md')))).toEqual([]);
  });

  it.each(subgraphFolders)('%s: names every Query and Mutation field, every own column, and only files that exist', (folder) => {
    const readmeFile = path.join(subgraphsDir, folder, 'README.md');
    const readme = fs.existsSync(readmeFile) ? fs.readFileSync(readmeFile, 'utf8') : '';
    expect(readmeProblems(readme, subjectOf(folder))).toEqual([]);
  });

  it('is refused when it leaves out a field or a column, or names a missing file', () => {
    const subject: ReadmeSubject = {
      folder: 'veterans',
      rootFields: ['veteransCertificates', 'recordVeteransCertificate'],
      columns: [{ property: 'dischargeYear', column: 'discharge_year' }],
    };
    const good = '`veteransCertificates` and `recordVeteransCertificate`; `discharge_year`; built by `src/department.ts`.';
    expect(readmeProblems(good, subject)).toEqual([]);
    expect(readmeProblems('`veteransCertificatesCount`, `recordVeteransCertificate`, `dischargeYear`', subject)).toEqual([
      'root field veteransCertificates not mentioned',
    ]);
    expect(readmeProblems('`veteransCertificates` `recordVeteransCertificate`', subject)).toEqual([
      'own column dischargeYear (discharge_year) not mentioned',
    ]);
    expect(readmeProblems(`${good} See \`src/resolvers/index.ts\` and \`packages/kit/x.ts\`.`, subject)).toEqual([
      'names src/resolvers/index.ts, which does not exist',
      'names packages/kit/x.ts, which does not exist',
    ]);
  });
});
