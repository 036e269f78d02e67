import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const DEV_SECRET_VARIABLES = ['HUB_PERSON_KEY', 'HUB_ID_ENCRYPTION_KEY', 'HUB_JWT_SECRET', 'HUB_SUBGRAPH_SIGNING_KEY'] as const;

/**
 * Development secrets for `npm start`: random keys kept in <data>/dev-secrets.json (created on first
 * start), so person ids stay stable for the data folder. Variables already set in the environment win.
 * The returned environment carries HUB_DEV_SECRETS=1, which production mode refuses. With `create: false`
 * nothing is written: a missing file gives an empty environment.
 */
export function devSecretsEnv(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  { create = true }: { create?: boolean } = {},
): { env: Record<string, string>; file: string; created: boolean } {
  const file = path.join(dataDir, 'dev-secrets.json');
  let created = false;
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  else if (!create) return { env: {}, file, created };
  for (const name of DEV_SECRET_VARIABLES) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString('hex');
      created = true;
    }
  }
  if (created) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  }
  const out: Record<string, string> = {};
  for (const name of DEV_SECRET_VARIABLES) {
    if (!env[name] && !env[`${name}_FILE`]) out[name] = stored[name];
  }
  if (Object.keys(out).length) out.HUB_DEV_SECRETS = '1';
  return { env: out, file, created };
}
