/**
 * npm run seed -- --persons 300000 [--department <slug>] [--data <dir>]
 * Seeds the deterministic demo county into each department's database (SQLite in HUB_DATA_DIR or
 * MySQL per HUB_DB), one child process per department, as many at once as there are cores.
 * A database that already has records is left alone.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dataDir, isProduction } from '@hub/runtime';
import { devSecretsEnv } from './lib/devSecrets';
import { root, subgraphList } from './lib/subgraphList';

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '20000' },
    department: { type: 'string' },
    data: { type: 'string' },
    child: { type: 'boolean' },
  },
});

async function seedOne(slug: string): Promise<void> {
  const { seedDemoDataIfEmpty } = await import('@hub/subgraph-kit');
  const factory = Object.values((await import(path.join(root, 'subgraphs', slug, 'src', 'server.ts'))) as Record<string, unknown>)[0] as (
    env: NodeJS.ProcessEnv,
  ) => import('@hub/subgraph-kit').Subgraph;
  const hub = factory(process.env);
  await hub.init();
  const started = Date.now();
  await seedDemoDataIfEmpty(hub, { ...process.env, HUB_DEMO: 'on' });
  const certificates = await hub.dataSource.query<{ n: number | string }[]>('SELECT COUNT(*) AS n FROM certificate');
  console.log(`${slug}: ${Number(certificates[0].n)} certificates (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  await hub.dataSource.destroy();
}

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_DEMO_PERSONS: values.persons, HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL || 'warn' };
  if (values.data) env.HUB_DATA_DIR = path.resolve(values.data);
  // The same development secrets as `npm start`, or person ids would not match the running hub's.
  if (!values.child && !isProduction(env)) Object.assign(env, devSecretsEnv(dataDir(env), env).env);
  if (values.child) {
    Object.assign(process.env, env);
    return seedOne(values.department!);
  }
  const slugs = subgraphList()
    .map((s) => s.slug)
    .filter((s) => !values.department || s === values.department);
  const queue = [...slugs];
  const started = Date.now();
  const worker = async () => {
    for (let slug = queue.shift(); slug; slug = queue.shift()) {
      const child = spawn(
        process.execPath,
        [...process.execArgv, __filename, '--child', '--department', slug, '--persons', values.persons],
        { env, stdio: 'inherit' },
      );
      const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
      if (code !== 0) throw new Error(`seeding ${slug} failed (exit ${code})`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(os.cpus().length, slugs.length) }, worker));
  console.log(`seeded ${values.persons} demo persons in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
