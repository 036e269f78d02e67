import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatSchemaCheckReport } from '../scripts/lib/schema-check/formatSchemaCheckReport';
import { ALLOWLIST_FILE, runSchemaCheck, SchemaCheckReport, SUPERGRAPH } from '../scripts/lib/schema-check/runSchemaCheck';
import { writeSchemaBaseline } from '../scripts/lib/schema-check/writeSchemaBaseline';

const repo = path.join(__dirname, '..');

/**
 * A temporary copy of what the check reads — the subgraphs' schema.graphql files, the client
 * operations and the allowlist — with a fresh baseline of the unmodified schemas.
 */
function schemaCopy(): { root: string; edit(slug: string, change: (sdl: string) => string): void; allow(entries: unknown[]): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-schema-check-'));
  for (const slug of fs.readdirSync(path.join(repo, 'subgraphs'))) {
    const file = path.join(repo, 'subgraphs', slug, 'schema.graphql');
    if (!fs.existsSync(file)) continue;
    fs.mkdirSync(path.join(root, 'subgraphs', slug), { recursive: true });
    fs.copyFileSync(file, path.join(root, 'subgraphs', slug, 'schema.graphql'));
  }
  for (const folder of ['gateway/operations', 'examples']) {
    if (fs.existsSync(path.join(repo, folder))) fs.cpSync(path.join(repo, folder), path.join(root, folder), { recursive: true });
  }
  fs.mkdirSync(path.join(root, 'schema-check'), { recursive: true });
  fs.writeFileSync(path.join(root, ALLOWLIST_FILE), '{"allow": []}\n');
  const baseline = writeSchemaBaseline(root);
  if (!baseline.ok) throw new Error(`the repository's schemas do not compose: ${baseline.errors.join('\n')}`);
  return {
    root,
    edit(slug, change) {
      const file = path.join(root, 'subgraphs', slug, 'schema.graphql');
      const before = fs.readFileSync(file, 'utf8');
      const after = change(before);
      if (after === before) throw new Error(`the edit of ${slug}/schema.graphql changed nothing`);
      fs.writeFileSync(file, after);
    },
    allow(entries) {
      fs.writeFileSync(path.join(root, ALLOWLIST_FILE), JSON.stringify({ allow: entries }, null, 2));
    },
  };
}

const breaking = (report: SchemaCheckReport, scope: string) => (report.changes[scope] ?? []).filter((c) => c.level === 'breaking');
const copies: string[] = [];
function copy() {
  const c = schemaCopy();
  copies.push(c.root);
  return c;
}
afterAll(() => {
  for (const root of copies) fs.rmSync(root, { recursive: true, force: true });
});

describe('npm run schema:check', () => {
  it('passes with no changes when the schemas equal the baseline', async () => {
    const report = await runSchemaCheck({ root: copy().root });
    expect(report.composition.ok).toBe(true);
    expect(Object.values(report.changes).flat()).toEqual([]);
    expect(report.operations?.map((o) => o.name)).toEqual(expect.arrayContaining(['CountyProgress', 'PersonDossier']));
    expect(report.operations?.filter((o) => o.problems.length)).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('fails when a field the dashboard queries is removed, and names the operation CountyProgress', async () => {
    const c = copy();
    c.edit('county', (sdl) => sdl.replace(/(type DepartmentFigure [^{]*\{[^}]*?)\n[ \t]*"[^"\n]*"\n[ \t]*overlap: Int!/, '$1'));
    const report = await runSchemaCheck({ root: c.root });
    expect(report.ok).toBe(false);
    expect(report.composition.ok).toBe(true);
    expect(breaking(report, 'county').map((ch) => ch.path)).toContain('DepartmentFigure.overlap');
    expect(breaking(report, SUPERGRAPH).map((ch) => ch.path)).toContain('DepartmentFigure.overlap');
    const countyProgress = report.operations?.find((o) => o.name === 'CountyProgress');
    expect(countyProgress?.problems.join('\n')).toMatch(/Cannot query field "overlap" on type "DepartmentFigure"/);
    expect(report.operations?.find((o) => o.name === 'PersonDossier')?.problems).toEqual([]);
    const text = formatSchemaCheckReport(report);
    expect(text).toMatch(/✗ CountyProgress .*将失效 would break/);
    expect(text).toMatch(/客户端操作将失效 operations would break: .*CountyProgress/);
    expect(text).toContain('✗ 不通过 FAILED');
  });

  it('passes an additive change (a new optional field) and classifies it as safe', async () => {
    const c = copy();
    c.edit('education', (sdl) =>
      sdl.replace(/(type EducationCertificate \{[^}]*?)\n\}/, '$1\n  "班级 class the student was in"\n  className: String\n}'),
    );
    const report = await runSchemaCheck({ root: c.root });
    expect(report.ok).toBe(true);
    expect(report.changes.education.map((ch) => [ch.level, ch.type, ch.path])).toContainEqual([
      'safe',
      'FIELD_ADDED',
      'EducationCertificate.className',
    ]);
    expect(report.changes[SUPERGRAPH].map((ch) => [ch.level, ch.path])).toContainEqual(['safe', 'EducationCertificate.className']);
    expect(
      Object.values(report.changes)
        .flat()
        .filter((ch) => ch.level === 'breaking'),
    ).toEqual([]);
    expect(formatSchemaCheckReport(report)).toContain('✓ 通过 PASSED');
  });

  it("classifies a change of Person's key fields as breaking", async () => {
    const c = copy();
    c.edit('education', (sdl) =>
      sdl.replace('type Person @key(fields: "id")', 'type Person @key(fields: "id education { person { name } }")'),
    );
    const report = await runSchemaCheck({ root: c.root });
    expect(report.ok).toBe(false);
    expect(breaking(report, 'education')).toContainEqual(
      expect.objectContaining({
        type: 'PERSON_KEY_CONTRACT',
        path: 'Person',
        message: expect.stringContaining('@key(fields: "id") → @key(fields: "id education { person { name } }")'),
      }),
    );
  });

  it("classifies a change of Person.id's type as breaking, in every subgraph and in the API", async () => {
    const c = copy();
    // Every subgraph, so that the graph still composes and the API schema can be compared too.
    for (const slug of fs.readdirSync(path.join(c.root, 'subgraphs'))) {
      c.edit(slug, (sdl) => sdl.replace(/(type Person @key\(fields: "id"\) \{\n(?:[ \t]*"[^\n]*"\n)?[ \t]*id: )ID!/, '$1String!'));
    }
    const report = await runSchemaCheck({ root: c.root });
    expect(report.ok).toBe(false);
    expect(report.composition.ok).toBe(true);
    expect(breaking(report, 'hrss').map((ch) => ch.type)).toContain('PERSON_KEY_CONTRACT');
    expect(breaking(report, SUPERGRAPH).map((ch) => ch.path)).toContain('Person.id');
  });

  it('lets a reviewed breaking change through when the allowlist gives a reason, and not without one', async () => {
    const c = copy();
    c.edit('education', (sdl) => sdl.replace(/(type EducationCertificate \{[^}]*?)\n[ \t]*"专业 major"\n[ \t]*major: String/, '$1'));
    const unlisted = await runSchemaCheck({ root: c.root });
    expect(unlisted.ok).toBe(false);
    expect(breaking(unlisted, 'education').map((ch) => ch.path)).toEqual(['EducationCertificate.major']);

    c.allow([
      { subgraph: 'education', change: 'EducationCertificate.major', reason: '专业字段迁至培训记录 major moved to the training record' },
      {
        subgraph: SUPERGRAPH,
        change: "Field 'major' was removed from object type 'EducationCertificate'",
        reason: '同上 same change, as clients see it',
      },
    ]);
    const listed = await runSchemaCheck({ root: c.root });
    expect(listed.ok).toBe(true);
    expect(breaking(listed, SUPERGRAPH).every((ch) => ch.allowedBy)).toBe(true);
    expect(formatSchemaCheckReport(listed)).toContain('放行理由 reason: 专业字段迁至培训记录');

    c.allow([{ subgraph: 'education', change: 'EducationCertificate.major', reason: '' }]);
    const noReason = await runSchemaCheck({ root: c.root });
    expect(noReason.ok).toBe(false);
    expect(noReason.allowlistProblems.join('\n')).toMatch(/须写明放行理由 \(needs a reason\)/);
  });

  it('checks only the named subgraph’s own changes with -- <slug>, but always the API and the operations', async () => {
    const c = copy();
    c.edit('county', (sdl) => sdl.replace(/(type DepartmentFigure [^{]*\{[^}]*?)\n[ \t]*"[^"\n]*"\n[ \t]*overlap: Int!/, '$1'));
    const report = await runSchemaCheck({ root: c.root, slug: 'education' });
    expect(report.subgraphs).toEqual(['education']);
    expect(report.changes.county).toBeUndefined();
    expect(report.ok).toBe(false);
    expect(report.operations?.find((o) => o.name === 'CountyProgress')?.problems.length).toBeGreaterThan(0);
  });
});
