/**
 * npm run rotate-id-key -- [--department <slug>] [--batch 500] [--data <dir>]
 *
 * Re-encrypts every department's sealed ID numbers under the active key of the ID-number key ring
 * (HUB_ID_ENCRYPTION_KEY with HUB_ID_ENCRYPTION_KEY_ID; older keys in HUB_ID_ENCRYPTION_OLD_KEYS), in
 * batches, while the hub runs. Restart the services with the new ring first, so that they write under
 * the new key and can read both. Each row is updated only if nobody changed it since it was read;
 * progress is printed per batch. Run it again at any time: rows already under the active key are left.
 * docs/id-keys.md has the whole procedure.
 */
import { parseArgs } from 'node:util';
import { dataDir, isProduction } from '@hub/runtime';
import { rotateSealedIdNumbers } from '@hub/subgraph-kit';
import { departmentFactories } from './lib/departmentFactories';
import { devSecretsEnv } from './lib/devSecrets';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { department: { type: 'string' }, batch: { type: 'string', default: '500' }, data: { type: 'string' } },
  });
  const env: NodeJS.ProcessEnv = { ...process.env, HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL || 'warn' };
  if (values.data) env.HUB_DATA_DIR = values.data;
  // The same development secrets as `npm start`, or the keys would not be the running hub's.
  if (!isProduction(env)) Object.assign(env, devSecretsEnv(dataDir(env), env).env);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--batch 须为正整数 must be a positive integer, got ${values.batch}`);
  const slugs = Object.keys(departmentFactories).filter((slug) => !values.department || slug === values.department);
  if (!slugs.length) throw new Error(`没有部门 ${values.department} / no department ${values.department}`);
  let failed = 0;
  for (const slug of slugs) {
    const hub = departmentFactories[slug](env);
    const started = Date.now();
    try {
      // Migrations are the services' business: a database they have not migrated is refused, not changed.
      await hub.dataSource.initialize();
      if (await hub.dataSource.showMigrations())
        throw new Error('数据库有未执行的迁移，请先启动该服务 pending migrations: start the service first');
      const result = await rotateSealedIdNumbers(hub.repo, hub.identity.cipher, {
        batchSize,
        onProgress: (p) =>
          console.log(
            `${slug}: 第${p.pass}遍 pass ${p.pass} ${p.scanned}/${p.total} 已重新加密 rotated ${p.rotated}${p.changedMeanwhile ? `，${p.changedMeanwhile} 行被并发修改，下一遍再处理 changed meanwhile` : ''}`,
          ),
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `${slug}: 完成 done — rotated ${result.rotated} in ${seconds} s, ${result.passes} pass(es), ${result.remaining} not under key ${hub.identity.cipher.currentPrefix}`,
      );
      if (result.remaining > 0) failed++;
    } catch (error) {
      failed++;
      console.error(`${slug}: 失败 failed — ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (hub.dataSource.isInitialized) await hub.dataSource.destroy();
    }
  }
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
