import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * A private, consistent copy of a seeded data folder (SQLite online backup, so a hub or another
 * benchmark writing to the original at the same time cannot tear it), with its dev-secrets.json, so
 * person ids and keys match. The original is only read. Copies into `dest` (created) or a new
 * temporary folder; returns the folder and a function removing it.
 */
export async function snapshotDataDir(source: string, dest?: string): Promise<{ dir: string; remove(): void }> {
  if (!fs.existsSync(path.join(source, 'dev-secrets.json'))) throw new Error(`${source} has no dev-secrets.json: seed it first`);
  if (dest) fs.mkdirSync(dest, { recursive: true });
  const dir = dest ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hub-bench-data-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    for (const name of fs.readdirSync(source)) {
      if (name.endsWith('.sqlite')) {
        const db = new Database(path.join(source, name), { readonly: true, fileMustExist: true });
        try {
          await db.backup(path.join(dir, name));
        } finally {
          db.close();
        }
      } else if (name === 'dev-secrets.json') {
        fs.copyFileSync(path.join(source, name), path.join(dir, name));
      }
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}
