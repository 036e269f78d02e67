import fs from 'node:fs';
import path from 'node:path';
import { DataSource, DataSourceOptions, EntitySchema, Logger as TypeOrmLogger, MixedList } from 'typeorm';
import { dataDir, isProduction } from '@hub/runtime';

export type DatabaseKind = 'sqlite' | 'mysql';

export function databaseKind(env: NodeJS.ProcessEnv = process.env): DatabaseKind {
  const kind = (env.HUB_DB || 'sqlite').toLowerCase();
  if (kind === 'sqlite' || kind === 'mysql') return kind;
  throw new Error(`HUB_DB must be sqlite or mysql, got "${env.HUB_DB}"`);
}

function envKey(slug: string): string {
  return slug.toUpperCase().replace(/-/g, '_');
}

/** Counts SQL statements (tests use it to prove list queries do not grow with rows). */
export class StatementCounter implements TypeOrmLogger {
  count = 0;
  logQuery(): void {
    this.count++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface MysqlSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

/**
 * Refuses, in production, a database password anyone can read in this repository: docker-compose.yml's
 * and deploy/mysql/init.sh's defaults (`<slug>-dev-password`, `hub-dev-root-password`, for any
 * department, also one added later) or none at all.
 */
export function refuseDevelopmentPassword(slug: string, password: string): void {
  if (password.trim() === '' || /-dev(-root)?-password$/i.test(password.trim())) {
    const variable = `HUB_${envKey(slug)}_DB_PASSWORD`;
    throw new Error(
      `生产模式下 ${slug} 的数据库密码为空或是 docker-compose.yml 的默认开发密码，请在 .env 中设置 ${variable} / ${variable} is empty or the public development default`,
    );
  }
}

/** Connection settings of one department's MySQL database; each department has its own user. */
export function mysqlSettings(slug: string, env: NodeJS.ProcessEnv = process.env): MysqlSettings {
  const key = envKey(slug);
  return {
    host: env[`HUB_${key}_DB_HOST`] || env.HUB_MYSQL_HOST || '127.0.0.1',
    port: Number(env[`HUB_${key}_DB_PORT`] || env.HUB_MYSQL_PORT || 3306),
    user: env[`HUB_${key}_DB_USER`] || env.HUB_MYSQL_USER || `hub_${slug.replace(/-/g, '_')}`,
    password: env[`HUB_${key}_DB_PASSWORD`] ?? env.HUB_MYSQL_PASSWORD ?? '',
    database: env[`HUB_${key}_DB_NAME`] || `${env.HUB_MYSQL_DB_PREFIX ?? 'hub_'}${slug.replace(/-/g, '_')}`,
  };
}

export interface DataSourceParts {
  slug: string;
  entities: MixedList<EntitySchema | Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  migrations: MixedList<Function>; // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  counter?: StatementCounter;
}

/** One department's DataSource from the environment: an SQLite file by default, MySQL with HUB_DB=mysql. */
export function createDataSource(parts: DataSourceParts, env: NodeJS.ProcessEnv = process.env): DataSource {
  const common = {
    entities: parts.entities,
    migrations: parts.migrations,
    // Schema changes only by migrations, on SQLite too.
    synchronize: false,
    migrationsRun: false,
    logging: parts.counter ? (['query'] as const) : false,
    logger: parts.counter,
  };
  let options: DataSourceOptions;
  if (databaseKind(env) === 'mysql') {
    const mysql = mysqlSettings(parts.slug, env);
    if (isProduction(env)) refuseDevelopmentPassword(parts.slug, mysql.password);
    options = {
      ...common,
      type: 'mysql',
      host: mysql.host,
      port: mysql.port,
      username: mysql.user,
      password: mysql.password,
      database: mysql.database,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      poolSize: Number(env.HUB_MYSQL_POOL_SIZE || 10),
    } as DataSourceOptions;
  } else {
    const file = env[`HUB_${envKey(parts.slug)}_SQLITE`] || path.join(dataDir(env), `${parts.slug}.sqlite`);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: file,
      enableWAL: file !== ':memory:',
      prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
        db.pragma('synchronous = NORMAL');
        db.pragma('busy_timeout = 5000');
        // SQLite's default page cache is 2 MB; writes at random places in a large index (hrss's holder index
        // at 300,000 persons) then reread pages all the time. At 64 MB its build takes about half the time.
        db.pragma(`cache_size = -${Number(env.HUB_SQLITE_CACHE_MB || 64) * 1024}`);
      },
    } as DataSourceOptions;
  }
  return new DataSource(options);
}

/** For development and tests: creates the department's MySQL database when it is missing. */
export async function ensureMysqlDatabase(slug: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const mysql = mysqlSettings(slug, env);
  const bootstrap = new DataSource({
    type: 'mysql',
    host: mysql.host,
    port: mysql.port,
    username: mysql.user,
    password: mysql.password,
  });
  await bootstrap.initialize();
  try {
    await bootstrap.query(`CREATE DATABASE IF NOT EXISTS \`${mysql.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await bootstrap.destroy();
  }
}
