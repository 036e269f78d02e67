import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { createContractEnv } from '@hub/subgraph-kit/src/testing';
import { devSecretsEnv } from '../scripts/lib/devSecrets';
import { root } from '../scripts/lib/subgraphList';
import { freePort } from './fixtures/freePort';
import { statusOf } from './fixtures/statusOf';

/**
 * A service stopped by its process manager (SIGTERM), as a real process: not under Jest's NODE_ENV=test, where
 * libraries (Apollo Server among them) leave signals alone. The process must run its own stop to the end and exit 0.
 */
describe('a service process stopped with SIGTERM', () => {
  const contract = createContractEnv();
  const children: ChildProcess[] = [];
  let env: NodeJS.ProcessEnv;
  let hrssPort: number;

  /** Starts a service as node itself with tsx's loader (no launcher in between to take the signal). */
  async function start(entry: string, extra: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, entry)], {
      cwd: root,
      env: { ...env, ...extra },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(child);
    const until = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${entry} exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > until) throw new Error(`${entry} did not answer /health within 60 s`);
      try {
        if ((await statusOf(`http://127.0.0.1:${port}/health`)) === 200) return child;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** How the process ended, and how long after the signal. */
  async function terminate(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const started = Date.now();
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill('SIGTERM');
    const [code, signal] = await exited;
    return { code, signal, ms: Date.now() - started };
  }

  beforeAll(async () => {
    env = { ...contract.env, HUB_LOG_LEVEL: 'warn' };
    delete env.NODE_ENV; // as under npm start or a process manager
    Object.assign(env, devSecretsEnv(env.HUB_DATA_DIR!, env).env);
    hrssPort = await freePort();
    env.HUB_HRSS_URL = `http://127.0.0.1:${hrssPort}`;
  });

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await contract.cleanup('hrss');
  });

  it('a gateway drains (HUB_DRAIN_MS), answers /ready with 503 meanwhile, cuts a connection never used, and exits 0', async () => {
    const port = await freePort();
    const gateway = await start(
      'gateway/src/index.ts',
      { HUB_GATEWAY_PORT: String(port), HUB_DRAIN_MS: '1500', HUB_STOP_GRACE_MS: '1000' },
      port,
    );
    // A connection opened and never used: without the cut after the grace period it would hold the stop for a minute.
    const silent = net.connect(port, '127.0.0.1');
    await once(silent, 'connect');
    silent.on('error', () => undefined);

    const stopped = terminate(gateway);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ready = await fetch(`http://127.0.0.1:${port}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('stopping');

    const { code, signal, ms } = await stopped;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // The drain, then the grace period for the unused connection, then the rest of the stop.
    expect(ms).toBeGreaterThanOrEqual(1500 + 1000);
    expect(ms).toBeLessThan(1500 + 1000 + 5_000);
  }, 90_000);

  it('a subgraph runs its own stop (port, Apollo, database) and exits 0', async () => {
    const hrss = await start('subgraphs/hrss/src/index.ts', { HUB_HRSS_PORT: String(hrssPort), HUB_DEMO: 'off' }, hrssPort);
    expect(await terminate(hrss)).toMatchObject({ code: 0, signal: null });
  }, 90_000);
});
