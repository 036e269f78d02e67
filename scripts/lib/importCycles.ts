/**
 * Import loops among the repository's own modules, type-only imports included: ESLint's import-x/no-cycle skips
 * `import type`, and two loops of the hub were only types (httpService ↔ metrics, CoreRepository ↔ keysetPage).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Every loop of the graph (file → the files it imports), one per strongly connected component, each file once. */
export function findImportCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  // Tarjan's algorithm, iterative so that a deep import chain cannot overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++];
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      const selfImport = (graph.get(frame.node) ?? []).includes(frame.node);
      if (component.length > 1 || selfImport) cycles.push(component.sort());
    }
  }
  return cycles;
}

/**
 * The import graph of the TypeScript files a tsconfig includes, as the compiler resolves them (workspace packages to
 * their sources), keeping only imports that land inside `root` and outside node_modules. Paths are relative to `root`.
 */
export function importGraph(root: string, tsconfig = 'tsconfig.json'): Map<string, string[]> {
  const configFile = path.join(root, tsconfig);
  const read = ts.readConfigFile(configFile, (f) => ts.sys.readFile(f));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile));
  const cache = ts.createModuleResolutionCache(root, (f) => f, parsed.options);
  const graph = new Map<string, string[]>();
  for (const file of parsed.fileNames) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName: specifier } of info.importedFiles) {
      const resolved = ts.resolveModuleName(specifier, file, parsed.options, ts.sys, cache).resolvedModule?.resolvedFileName;
      if (!resolved || resolved.includes(`${path.sep}node_modules${path.sep}`)) continue;
      const relative = path.relative(root, resolved);
      if (!relative.startsWith('..')) targets.add(relative);
    }
    graph.set(path.relative(root, file), [...targets]);
  }
  return graph;
}
