import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseKind, mysqlSettings } from '../createDataSource';

export interface ContractEnv {
  env: NodeJS.ProcessEnv;
  /** Removes the temporary folder, or drops the temporary MySQL databases (as the department's database user). */
  cleanup(slug: string): Promise<void>;
}

/**
 * A private database for one department's contract tests: a temp folder for SQLite, or (HUB_DB=mysql)
 * a database with a unique prefix on the server given in the environment, dropped afterwards.
 * test/fixtures/testEnv.ts uses it for a whole hub.
 */
export function createContractEnv(extra: NodeJS.ProcessEnv = {}): ContractEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-contract-'));
  const prefix = `c${randomBytes(4).toString('hex')}_`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUB_DATA_DIR: dir,
    HUB_MYSQL_DB_PREFIX: prefix,
    HUB_MYSQL_CREATE_DATABASE: '1',
    HUB_DEMO: 'off',
    HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL || 'silent',
    ...extra,
  };
  return {
    env,
    async cleanup(slug) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (databaseKind(env) !== 'mysql') return;
      const settings = mysqlSettings(slug, env);
      const admin = new DataSource({
        type: 'mysql',
        host: settings.host,
        port: settings.port,
        username: settings.user,
        password: settings.password,
      });
      await admin.initialize();
      try {
        const rows: Record<string, string>[] = await admin.query('SHOW DATABASES');
        for (const row of rows) {
          const name = Object.values(row)[0];
          if (name.startsWith(prefix)) await admin.query(`DROP DATABASE \`${name}\``);
        }
      } finally {
        await admin.destroy();
      }
    },
  };
}
