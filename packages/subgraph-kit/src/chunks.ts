/** Rows per statement when ids go into an `IN (…)` list: well inside every driver's parameter limit. */
export const CHUNK = 400;

/** `items` in consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
