/**
 * npm run lint runs this after ESLint: fails when the repository's modules import each other in a loop, type-only
 * imports included (import-x/no-cycle leaves those out).
 */
import path from 'node:path';
import { findImportCycles, importGraph } from './lib/importCycles';

const root = path.resolve(__dirname, '..');
const graph = importGraph(root);
const cycles = findImportCycles(graph);
if (cycles.length) {
  console.error('模块循环引用 import loops (move the shared part to a module of its own):');
  for (const cycle of cycles) console.error(`- ${cycle.join(' ↔ ')}`);
  process.exit(1);
}
console.log(`no import loops among ${graph.size} modules`);
