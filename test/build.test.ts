import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFingerprint } from '../scripts/lib/buildFingerprint';
import { buildUnits, findRoot, sourceFiles, workspaces } from '../scripts/lib/buildUnits';
import { distPath, rewriteHubRequires } from '../scripts/lib/rewriteHubRequires';

const root = path.resolve(__dirname, '..');

describe('the build', () => {
  const known = [
    { name: '@hub/auth', dir: '/r/packages/auth', main: 'src/index.ts' },
    { name: '@hub/subgraph-hrss', dir: '/r/subgraphs/hrss', main: 'src/server.ts' },
  ];

  it('points compiled requires of workspaces at their dist/, by main and by deep path', () => {
    const code = [
      'const a = require("@hub/auth");',
      'const h = require("@hub/subgraph-hrss");',
      'const s = require("@hub/subgraph-hrss/src/progress/Figure");',
      'const t = require("typeorm");',
      'const r = require("./local");',
    ].join('\n');
    expect(rewriteHubRequires(code, known).split('\n')).toEqual([
      'const a = require("@hub/auth/dist/index.js");',
      'const h = require("@hub/subgraph-hrss/dist/server.js");',
      'const s = require("@hub/subgraph-hrss/dist/progress/Figure");',
      'const t = require("typeorm");',
      'const r = require("./local");',
    ]);
  });

  it('refuses a workspace it does not know and a main outside src/', () => {
    expect(() => rewriteHubRequires('require("@hub/nowhere")', known)).toThrow(/not a workspace/);
    expect(() => distPath('index.js')).toThrow(/not a TypeScript file under src/);
    expect(distPath('./src/a/b.ts')).toBe('dist/a/b.js');
  });

  it('builds every workspace npm knows, so a new subgraph folder needs no list edited', () => {
    expect(findRoot(path.join(root, 'scripts', 'lib'))).toBe(root);
    const names = workspaces(root).map((w) => path.relative(root, w.dir));
    for (const slug of fs.readdirSync(path.join(root, 'subgraphs'))) {
      if (fs.existsSync(path.join(root, 'subgraphs', slug, 'package.json'))) expect(names).toContain(`subgraphs/${slug}`);
    }
    expect(names).toContain('gateway');
    const units = buildUnits(root).map((u) => path.relative(root, u.outDir));
    expect(units).toContain(path.join('packages', 'vocabulary', 'dist'));
    expect(units).toContain(path.join('dist', 'scripts'));
  });

  it('leaves tests out and sees a source added, edited or removed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-build-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ workspaces: [] }));
      fs.writeFileSync(path.join(dir, 'tsconfig.base.json'), '{}');
      const src = path.join(dir, 'scripts');
      fs.mkdirSync(path.join(src, 'lib'), { recursive: true });
      fs.writeFileSync(path.join(src, 'a.ts'), 'export const a = 1;');
      fs.writeFileSync(path.join(src, 'a.test.ts'), 'test');
      fs.writeFileSync(path.join(src, 'lib', 'b.ts'), 'export const b = 2;');
      expect(sourceFiles(src).map((f) => path.relative(src, f))).toEqual(['a.ts', path.join('lib', 'b.ts')]);
      const units = buildUnits(dir);
      const first = buildFingerprint(dir, units);
      expect(buildFingerprint(dir, units)).toBe(first);
      fs.writeFileSync(path.join(src, 'a.test.ts'), 'a test changed');
      expect(buildFingerprint(dir, units)).toBe(first);
      fs.writeFileSync(path.join(src, 'lib', 'c.ts'), 'export const c = 3;');
      const added = buildFingerprint(dir, units);
      expect(added).not.toBe(first);
      fs.writeFileSync(path.join(src, 'a.ts'), 'export const a = 10;');
      const edited = buildFingerprint(dir, units);
      expect(edited).not.toBe(added);
      fs.rmSync(path.join(src, 'lib', 'c.ts'));
      expect(buildFingerprint(dir, units)).not.toBe(edited);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
