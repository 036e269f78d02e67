/**
 * npm run county:adopt-hrss-index [-- --replace] [--keep-source] | [-- --drop-source]
 *
 * Moves a running county's holder index, feed cursors, audit log, imports, employed population and ledger inputs
 * from hrss's database into the county service's (docs/county-service.md). Run it with the county service stopped,
 * after hrss has been upgraded: the databases are opened from the environment as the services open them.
 */
import { parseArgs } from 'node:util';
import { createDataSource, databaseKind, ensureMysqlDatabase } from '@hub/subgraph-kit';
import { AdoptError, adoptHrssIndex } from '@hub/subgraph-county/src/adopt/adoptHrssIndex';
import { createCountySubgraph } from '@hub/subgraph-county/src/server';

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      replace: { type: 'boolean', default: false },
      'keep-source': { type: 'boolean', default: false },
      'drop-source': { type: 'boolean', default: false },
    },
  });
  const env = process.env;
  const county = createCountySubgraph(env);
  const hrss = createDataSource({ slug: 'hrss', entities: [], migrations: [] }, env);
  try {
    await county.init();
    if (databaseKind(env) === 'mysql' && env.HUB_MYSQL_CREATE_DATABASE === '1') await ensureMysqlDatabase('hrss', env);
    await hrss.initialize();
    console.log('迁移持证索引 moving the holder index from hrss to the county service:');
    const outcome = await adoptHrssIndex(hrss, county.dataSource, {
      replace: args.replace,
      keepSource: args['keep-source'],
      dropSourceOnly: args['drop-source'],
      log: (line) => console.log(line),
    });
    if (args['drop-source']) {
      console.log(outcome.droppedSource ? '✓ 已删除人社局数据库中的旧表 hrss copies dropped' : '人社局数据库中没有旧表 nothing to drop');
      return;
    }
    if (!outcome.adopted) {
      console.log(
        '人社局数据库中没有持证索引（新安装或已迁移），无需迁移 hrss holds no index (new installation or already moved): nothing to do',
      );
      return;
    }
    console.log(
      `✓ 已迁移并逐表核对行数 moved, every table's row count checked${outcome.droppedSource ? '；人社局数据库中的旧表已删除 hrss copies dropped' : '（保留了人社局的旧表 hrss copies kept）'}`,
    );
  } catch (error) {
    if (error instanceof AdoptError) {
      console.error(`✗ ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    if (hrss.isInitialized) await hrss.destroy();
    if (county.dataSource.isInitialized) await county.dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
