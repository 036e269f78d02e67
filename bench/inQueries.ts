/**
 * npm run bench:in-queries -- [--data tmp/bench-startup/data] [--rounds 3000]
 *
 * The loaders' reads by key, in one process on a seeded data folder's education database: for batches
 * of 1, 5 and 51 persons, the time per call of TypeORM's `findBy({ personId: In(…) })` (the query
 * builder every time) and of InQueryCache (the same SQL built once, the same entities out), and the
 * ratio. CPU of one thread only, so the ratio holds on a busy machine better than requests/s do.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { In } from 'typeorm';
import { InQueryCache } from '@hub/subgraph-kit/src/InQueryCache';
import { createEducationSubgraph } from '@hub/subgraph-education/src/server';
import { devSecretsEnv } from '../scripts/lib/devSecrets';
import { root } from '../scripts/lib/subgraphList';

const { values } = parseArgs({
  options: { data: { type: 'string', default: path.join('tmp', 'bench-startup', 'data') }, rounds: { type: 'string', default: '3000' } },
});

async function main(): Promise<void> {
  const dataDir = path.resolve(root, values.data);
  const env = { ...process.env, HUB_DATA_DIR: dataDir, HUB_DEMO: 'off', HUB_LOG_LEVEL: 'warn' };
  Object.assign(env, devSecretsEnv(dataDir, env, { create: false }).env);
  const hub = createEducationSubgraph(env);
  await hub.init();
  const entity = hub.repo.specs.certificate.entity;
  const metadata = hub.dataSource.getMetadata(entity);
  const column = metadata.findColumnWithPropertyName('personId')!.databaseName;
  const ids = (await hub.dataSource.query<{ id: string }[]>(`SELECT DISTINCT ${column} AS id FROM ${metadata.tableName} LIMIT 500`)).map(
    (r) => r.id,
  );
  const cache = new InQueryCache(hub.dataSource);
  const rounds = Number(values.rounds);
  console.log(`| keys per call | TypeORM findBy (µs/call) | InQueryCache (µs/call) | ratio |\n|---:|---:|---:|---:|`);
  for (const size of [1, 5, 51]) {
    const batches = Array.from({ length: 50 }, (_, i) =>
      ids.slice((i * size) % (ids.length - size), ((i * size) % (ids.length - size)) + size),
    );
    const time = async (read: (keys: string[]) => Promise<unknown[]>): Promise<number> => {
      for (let i = 0; i < 200; i++) await read(batches[i % batches.length]);
      const started = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) await read(batches[i % batches.length]);
      return Number(process.hrtime.bigint() - started) / 1000 / rounds;
    };
    const repo = hub.dataSource.getRepository(entity);
    const viaTypeorm = await time((keys) => repo.findBy({ personId: In(keys) }));
    const viaCache = await time((keys) => cache.findIn(entity, 'personId', keys));
    console.log(`| ${size} | ${viaTypeorm.toFixed(0)} | ${viaCache.toFixed(0)} | ${(viaTypeorm / viaCache).toFixed(2)}× |`);
  }
  await hub.dataSource.destroy();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
