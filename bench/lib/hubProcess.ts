import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { hubSecretsFromEnv, mintToken, Principal } from '@hub/auth';
import { build } from '../../scripts/build';
import { devSecretsEnv } from '../../scripts/lib/devSecrets';
import { subgraphList } from '../../scripts/lib/subgraphList';

export const root = path.resolve(__dirname, '..', '..');

export interface RunningHub {
  env: NodeJS.ProcessEnv;
  process: ChildProcess;
  token(who: Principal): Promise<string>;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, who?: Principal): Promise<{ data?: T; errors?: unknown[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- ad hoc bench payloads
  stop(): Promise<void>;
}

export const admin: Principal = { subject: 'bench-admin', role: 'COUNTY_ADMIN' };

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms`);
}

/** The gateway, then every service under subgraphs/ in port order (the departments, then the county service). */
const services = ['gateway', ...subgraphList().map((s) => s.slug)];

/**
 * `npm start` (compiled) as a child process on a given data folder, on ports portBase, portBase+1, … (so it can run
 * beside a hub on the default ports), with tokens minted from its dev secrets.
 */
export async function startHubProcess(
  dataDir: string,
  extraEnv: NodeJS.ProcessEnv = {},
  portBase = 5400,
  /** Called with the hub's process as soon as it is spawned, so a caller can stop a hub that is still starting. */
  onSpawn?: (child: ChildProcess) => void,
): Promise<RunningHub> {
  const ports = Object.fromEntries(services.map((s, i) => [`HUB_${s.toUpperCase().replace(/-/g, '_')}_PORT`, String(portBase + i)]));
  const env: NodeJS.ProcessEnv = { ...process.env, ...ports, HUB_DATA_DIR: dataDir, HUB_DEMO: 'off', HUB_LOG_LEVEL: 'warn', ...extraEnv };
  Object.assign(env, devSecretsEnv(dataDir, env).env);
  // What `npm start` runs: the compiled launcher and services, built first if the sources changed.
  build({ ifStale: true });
  const child = spawn(process.execPath, [path.join(root, 'dist', 'scripts', 'start.js')], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  onSpawn?.(child);
  const gateway = `http://127.0.0.1:${portBase}`;
  await waitFor(`${gateway}/health`, 300_000);
  const jwt = hubSecretsFromEnv(env, () => undefined).jwt;
  const tokens = new Map<string, string>();
  const token = async (who: Principal) => {
    const key = JSON.stringify(who);
    if (!tokens.has(key)) tokens.set(key, await mintToken(who, jwt));
    return tokens.get(key)!;
  };
  return {
    env,
    process: child,
    token,
    async graphql(query, variables, who = admin) {
      const response = await fetch(`${gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(who)}` },
        body: JSON.stringify({ query, variables }),
      });
      // The caller names the payload's type (T); fetch's json() cannot know it.
      return response.json() as never;
    },
    async stop() {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}
