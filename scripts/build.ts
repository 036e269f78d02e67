/**
 * npm run build: every workspace's src/ compiled to its dist/ (CommonJS with source maps), and
 * scripts/ to dist/scripts/, so that `npm start` and the production image run plain node.
 *
 *   --if-stale   build only when the sources changed since the last build (what `npm start` runs)
 *
 * Each file is transpiled on its own (the repository is `isolatedModules`); type errors are
 * `npm run typecheck`'s job, which CI runs. dist/ sits beside src/, so paths a module finds from
 * its own folder (`../schema.graphql`, `../data/…`) are the same from either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildFingerprint } from './lib/buildFingerprint';
import { BuildUnit, buildUnits, findRoot, sourceFiles, Workspace, workspaces } from './lib/buildUnits';
import { rewriteHubRequires } from './lib/rewriteHubRequires';

const root = findRoot(__dirname);
const stampFile = path.join(root, 'dist', '.build-fingerprint');

function compileUnit(
  ts: typeof import('typescript'),
  options: import('typescript').CompilerOptions,
  unit: BuildUnit,
  known: Workspace[],
): number {
  fs.rmSync(unit.outDir, { recursive: true, force: true });
  const files = sourceFiles(unit.srcDir);
  for (const file of files) {
    const rel = path.relative(unit.srcDir, file).replace(/\.ts$/, '.js');
    const outFile = path.join(unit.outDir, rel);
    const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: options,
      fileName: file,
      reportDiagnostics: false,
    });
    const map = JSON.parse(output.sourceMapText ?? '{}') as { file?: string; sources?: string[]; sourceRoot?: string };
    map.file = path.basename(outFile);
    map.sources = [path.relative(path.dirname(outFile), file).split(path.sep).join('/')];
    delete map.sourceRoot;
    // transpileModule already ends the file with `//# sourceMappingURL=<name>.js.map`.
    const code = rewriteHubRequires(output.outputText, known);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, code);
    fs.writeFileSync(`${outFile}.map`, JSON.stringify(map));
  }
  return files.length;
}

/** Compiles everything, or with ifStale only when an input changed since the last build; true when it built. */
export function build({ ifStale = false }: { ifStale?: boolean } = {}): boolean {
  const units = buildUnits(root);
  const fingerprint = buildFingerprint(root, units);
  if (
    ifStale &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, 'utf8') === fingerprint &&
    units.every((u) => fs.existsSync(u.outDir))
  )
    return false;
  const started = Date.now();
  // Loaded only when there is something to build: `npm start` on built sources stays quick.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when there is something to build
  const ts = require('typescript') as typeof import('typescript');
  const base = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), (f) => ts.sys.readFile(f));
  if (base.error) throw new Error(ts.flattenDiagnosticMessageText(base.error.messageText, '\n'));
  const { options } = ts.convertCompilerOptionsFromJson((base.config as { compilerOptions?: unknown }).compilerOptions, root);
  Object.assign(options, { sourceMap: true, inlineSources: false, declaration: false, noEmit: false });
  const known = workspaces(root);
  fs.rmSync(stampFile, { force: true });
  let count = 0;
  for (const unit of units) count += compileUnit(ts, options, unit, known);
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, fingerprint);
  console.log(`构建完成 built ${count} files in ${units.length} folders (${Date.now() - started} ms)`);
  return true;
}

if (require.main === module) build({ ifStale: process.argv.includes('--if-stale') });
