import path from 'node:path';
import { findImportCycles, importGraph } from '../scripts/lib/importCycles';

const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

describe('findImportCycles', () => {
  it('finds a loop of two modules, and of three through a barrel', () => {
    const cycles = findImportCycles(
      graph({
        'httpService.ts': ['metrics.ts'],
        'metrics.ts': ['httpService.ts'],
        'a.ts': ['index.ts'],
        'index.ts': ['b.ts'],
        'b.ts': ['a.ts', 'leaf.ts'],
        'leaf.ts': [],
      }),
    );
    expect(cycles).toEqual([
      ['httpService.ts', 'metrics.ts'],
      ['a.ts', 'b.ts', 'index.ts'],
    ]);
  });

  it('finds a module that imports itself, and nothing in a graph without loops', () => {
    expect(findImportCycles(graph({ 'self.ts': ['self.ts'] }))).toEqual([['self.ts']]);
    expect(findImportCycles(graph({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['c.ts'], 'c.ts': [], 'd.ts': ['a.ts'] }))).toEqual([]);
  });

  it('follows a chain deeper than the call stack would allow', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 50_000; i++) edges[`m${i}.ts`] = [`m${i + 1}.ts`];
    edges['m50000.ts'] = ['m0.ts'];
    expect(findImportCycles(graph(edges))[0]).toHaveLength(50_001);
  });
});

describe('the repository', () => {
  it('has no import loop, type-only imports included', () => {
    const repo = importGraph(path.resolve(__dirname, '..'));
    // The graph is real: a package's barrel and a workspace import resolve to sources.
    expect(repo.get(path.join('packages', 'runtime', 'src', 'metrics.ts'))).toContain(
      path.join('packages', 'runtime', 'src', 'RouteHandler.ts'),
    );
    expect(repo.get(path.join('packages', 'intake', 'src', 'ImportResult.ts'))).toContain(
      path.join('packages', 'subgraph-kit', 'src', 'index.ts'),
    );
    expect(findImportCycles(repo)).toEqual([]);
  });
});
