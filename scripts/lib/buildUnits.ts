import fs from 'node:fs';
import path from 'node:path';

/** One folder of TypeScript compiled to one folder of JavaScript. */
export interface BuildUnit {
  srcDir: string;
  outDir: string;
}

/** A workspace as npm links it: its package name, folder and the `main` its package.json names. */
export interface Workspace {
  name: string;
  dir: string;
  main: string;
}

/** The repository's root: the nearest folder upwards whose package.json declares workspaces. */
export function findRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && Array.isArray((JSON.parse(fs.readFileSync(file, 'utf8')) as { workspaces?: unknown }).workspaces))
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json with workspaces above ${from}`);
  }
}

/**
 * Every workspace the root package.json lists ("packages/*", "subgraphs/*", "gateway"), read from
 * the folders themselves, so that a department added later is built and started without a list to edit.
 */
export function workspaces(root: string): Workspace[] {
  const patterns = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const base = path.join(root, pattern.slice(0, -2));
      if (!fs.existsSync(base)) continue;
      for (const entry of fs.readdirSync(base).sort()) dirs.push(path.join(base, entry));
    } else {
      dirs.push(path.join(root, pattern));
    }
  }
  return dirs
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name: string; main?: string };
      return { name: pkg.name, dir, main: pkg.main ?? 'src/index.ts' };
    });
}

/** Each workspace's src/ to its dist/, and the scripts (npm start's launcher among them) to <root>/dist/scripts. */
export function buildUnits(root: string): BuildUnit[] {
  const units = workspaces(root)
    .filter((w) => fs.existsSync(path.join(w.dir, 'src')))
    .map((w) => ({ srcDir: path.join(w.dir, 'src'), outDir: path.join(w.dir, 'dist') }));
  return [...units, { srcDir: path.join(root, 'scripts'), outDir: path.join(root, 'dist', 'scripts') }];
}

/** The TypeScript files a unit compiles: tests and declaration files stay behind. */
export function sourceFiles(srcDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
        files.push(full);
      }
    }
  };
  walk(srcDir);
  return files.sort();
}
