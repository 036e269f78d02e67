/**
 * Registers a new workspace in package-lock.json the way `npm install` would (a folder entry and a
 * node_modules link), so that `npm ci` in CI accepts the lock without a network round trip here.
 */
export interface WorkspaceEntry {
  /** Folder relative to the root, e.g. subgraphs/market-regulation. */
  folder: string;
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

type LockPackages = Record<string, unknown>;

/** Inserts `key` before the first key that sorts after it: npm keeps the entries sorted (root first). */
function insertSorted(packages: LockPackages, key: string, value: unknown): LockPackages {
  const out: LockPackages = {};
  let placed = false;
  for (const [k, v] of Object.entries(packages)) {
    if (!placed && k !== '' && k.localeCompare(key, 'en') > 0) {
      out[key] = value;
      placed = true;
    }
    out[k] = v;
  }
  if (!placed) out[key] = value;
  return out;
}

/** The lock text with the workspace added (unchanged when it is already there). */
export function addWorkspaceToLock(lockText: string, entry: WorkspaceEntry): { text: string; changed: boolean } {
  const lock = JSON.parse(lockText) as { packages?: LockPackages };
  if (!lock.packages) return { text: lockText, changed: false };
  const link = `node_modules/${entry.name}`;
  if (lock.packages[entry.folder] && lock.packages[link]) return { text: lockText, changed: false };
  let packages = lock.packages;
  if (!packages[link]) packages = insertSorted(packages, link, { resolved: entry.folder, link: true });
  if (!packages[entry.folder])
    packages = insertSorted(packages, entry.folder, { name: entry.name, version: entry.version, dependencies: entry.dependencies });
  lock.packages = packages;
  return { text: JSON.stringify(lock, null, 2) + '\n', changed: true };
}
