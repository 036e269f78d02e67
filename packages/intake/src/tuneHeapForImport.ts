import v8 from 'node:v8';
import vm from 'node:vm';
import { limitHeapGrowth } from '@hub/runtime';

/**
 * For a process that only imports (the CLI, the benchmark); not for a long-running service, since it
 * changes the whole process. Returns a full garbage collection to run between the reading and the
 * writing pass (pass it as importFile's `afterScan`).
 *
 * - Turns off V8's allocation-site pretenuring. exceljs keeps a piece of a sheet's row objects alive
 *   while the rows are validated; V8 sees them survive, starts allocating them straight into the old
 *   generation, and 100,000 rows leave about 100 MB more garbage there between full collections.
 * - Limits the heap's growth past the live set as the services do (`limitHeapGrowth`, 20 %): on a
 *   loaded machine V8 otherwise lets the heap double before a full collection, and the same import
 *   peaked anywhere from 300 to 420 MB.
 * - A full collection after the reading pass lets the writing pass start from the live set (about
 *   60 MB) instead of the reading pass's garbage (bench/import.ts: peak RSS 289 → 233 MB).
 */
export function tuneHeapForImport(env: NodeJS.ProcessEnv = process.env): () => void {
  v8.setFlagsFromString('--no-allocation-site-pretenuring');
  limitHeapGrowth(env);
  v8.setFlagsFromString('--expose-gc');
  // --expose-gc set at run time defines gc() only in contexts created afterwards.
  return vm.runInNewContext('gc') as () => void;
}
