import v8 from 'node:v8';

/**
 * Under load V8 lets the heap grow to about twice what is live before a full collection: 300+ MB of RSS
 * for a gateway whose live heap is ~70 MB. Growing 20 % past the live size keeps it near 200 MB at no
 * measured cost in throughput (BENCHMARKS.md). The flag is read at each collection, so setting it when a
 * service starts works; HUB_HEAP_GROWING_PERCENT=0 keeps V8's own heuristics.
 */
export function limitHeapGrowth(env: NodeJS.ProcessEnv = process.env): void {
  const percent = Number(env.HUB_HEAP_GROWING_PERCENT ?? 20);
  if (Number.isInteger(percent) && percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
