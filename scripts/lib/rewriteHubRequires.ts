import type { Workspace } from './buildUnits';

/**
 * Points compiled code's `require("@hub/…")` at the other workspaces' compiled JavaScript.
 * Each workspace's package.json keeps `main: src/….ts`, which tsc, ts-jest and tsx read, so tests
 * and scripts run from sources; plain node cannot load those, so the build rewrites the specifier:
 * `@hub/x` becomes `@hub/x/dist/<main>.js` and a deep `@hub/x/src/a/b` becomes `@hub/x/dist/a/b`.
 * TypeScript's CommonJS output always writes `require("…")` with double quotes, which is what is matched.
 */
export function rewriteHubRequires(code: string, known: Workspace[]): string {
  const byName = new Map(known.map((w) => [w.name, w]));
  return code.replace(/require\("(@hub\/[a-z0-9][a-z0-9._-]*)((?:\/[^"]*)?)"\)/g, (whole, name: string, rest: string) => {
    const workspace = byName.get(name);
    if (!workspace) throw new Error(`${name} is not a workspace of this repository`);
    if (!rest) return `require("${name}/${distPath(workspace.main)}")`;
    if (rest.startsWith('/src/')) return `require("${name}/dist/${rest.slice('/src/'.length)}")`;
    return whole;
  });
}

/** `src/server.ts` → `dist/server.js`. */
export function distPath(main: string): string {
  if (!/^(\.\/)?src\/.+\.ts$/.test(main)) throw new Error(`main "${main}" is not a TypeScript file under src/`);
  return main.replace(/^(\.\/)?src\//, 'dist/').replace(/\.ts$/, '.js');
}
