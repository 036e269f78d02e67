import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { TableSpec } from '@hub/subgraph-kit';

/** The part of a better-sqlite3 statement this file uses (the driver's own types are not a dependency of the county). */
interface SqliteStatement {
  all(...parameters: unknown[]): ObjectLiteral[];
  run(...parameters: unknown[]): unknown;
}

/** The part of a better-sqlite3 database handle this file uses. */
interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
}

/** Bound parameters per statement: SQLite's limit is 32,766, MySQL's 65,535; both stay well inside. */
const MAX_PARAMETERS = { sqlite: 30_000, mysql: 60_000 };
/**
 * Rows per multi-row statement on SQLite. A larger statement saves nothing once it is prepared only once, and every
 * row count below it is written as a sum of powers of two, so a table has at most nine statement shapes.
 */
const SQLITE_ROWS = 256;
/** Keys per `IN (…)` read: one read for a page of 5,000 changes in a few statements on either driver. */
const IN_KEYS = 4096;
/** Shortest padded `IN (…)` list on SQLite (short lists are padded to a power of two, see selectIn). */
const MIN_IN_KEYS = 8;

/**
 * The holder index's bulk statements with a fixed number of shapes: multi-row INSERTs and upserts built from the
 * table spec, and `IN (…)` reads of many keys. On better-sqlite3 each shape is prepared once per database handle
 * and reused by every page (TypeORM's statement cache belongs to a transaction's query runner, so it prepared every
 * statement of every page again), and bound straight to the handle inside the manager's transaction (SQLite has one
 * connection: the transaction TypeORM began on it is this one). On MySQL the text goes through the manager's
 * connection, one statement per table per page up to the parameter limit: there a round trip costs more than a parse.
 */
export class IndexStatements {
  private readonly texts = new Map<string, string>();
  private readonly prepared = new WeakMap<SqliteHandle, Map<string, SqliteStatement>>();

  /**
   * The rows of `SELECT <columns> FROM <table> WHERE <where> AND <keyColumn> IN (…)` for every key, in chunks of at
   * most 4,096 keys. `where` has `?` for each of `fixed` (e.g. `department = ?`). On SQLite a chunk's list is padded
   * to a power of two by repeating its last key, which an `IN` list does not notice, so a read has few shapes.
   */
  async selectIn(
    manager: EntityManager,
    select: { columns: string; table: string; where?: string; keyColumn: string },
    fixed: readonly unknown[],
    keys: readonly unknown[],
  ): Promise<ObjectLiteral[]> {
    const sqlite = this.sqlite(manager);
    const out: ObjectLiteral[] = [];
    for (let i = 0; i < keys.length; i += IN_KEYS) {
      const part = keys.slice(i, i + IN_KEYS);
      let size = part.length;
      if (sqlite) {
        size = MIN_IN_KEYS;
        while (size < part.length) size *= 2;
        while (part.length < size) part.push(part[part.length - 1]);
      }
      const sql = this.text(`select\0${select.table}\0${select.columns}\0${select.where}\0${select.keyColumn}\0${size}`, () => {
        const marks = '?,'.repeat(size - 1) + '?';
        return `SELECT ${select.columns} FROM ${select.table} WHERE ${select.where ? `${select.where} AND ` : ''}${select.keyColumn} IN (${marks})`;
      });
      const rows = await this.execute(manager, sqlite, sql, [...fixed, ...part], true);
      for (const row of rows) out.push(row);
    }
    return out;
  }

  /** Inserts `rows` (objects keyed by the spec's properties; a missing property is NULL). */
  insert(manager: EntityManager, spec: TableSpec, rows: readonly ObjectLiteral[]): Promise<void> {
    return this.write(manager, spec, rows, false);
  }

  /** Inserts `rows`, or, where a row with the same primary key exists, overwrites every other column of it. */
  upsert(manager: EntityManager, spec: TableSpec, rows: readonly ObjectLiteral[]): Promise<void> {
    return this.write(manager, spec, rows, true);
  }

  /** Any other statement, prepared once on SQLite. */
  async run(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<void> {
    await this.execute(manager, this.sqlite(manager), sql, parameters, false);
  }

  private async write(manager: EntityManager, spec: TableSpec, rows: readonly ObjectLiteral[], upsert: boolean): Promise<void> {
    if (!rows.length) return;
    const sqlite = this.sqlite(manager);
    const properties = Object.keys(spec.columns).filter((p) => !spec.columns[p].increment);
    const width = properties.length;
    const limit = Math.max(1, Math.floor((sqlite ? MAX_PARAMETERS.sqlite : MAX_PARAMETERS.mysql) / width));
    let done = 0;
    while (done < rows.length) {
      const left = rows.length - done;
      // SQLite: full statements of 256 rows, then the largest power of two that fits; MySQL: as many as the limit allows.
      let count = Math.min(left, sqlite ? Math.min(SQLITE_ROWS, limit) : limit);
      if (sqlite && count < SQLITE_ROWS) count = 2 ** Math.floor(Math.log2(count));
      const parameters = new Array<unknown>(count * width);
      let at = 0;
      for (let r = done; r < done + count; r++) {
        const row = rows[r];
        for (let c = 0; c < width; c++) {
          const value = row[properties[c]];
          parameters[at++] = value === undefined ? null : typeof value === 'boolean' ? Number(value) : value;
        }
      }
      const sql = this.text(`${upsert ? 'upsert' : 'insert'}\0${spec.table}\0${count}\0${sqlite ? 'sqlite' : 'mysql'}`, () =>
        this.insertText(manager, spec, properties, count, upsert, !!sqlite),
      );
      await this.execute(manager, sqlite, sql, parameters, false);
      done += count;
    }
  }

  private insertText(
    manager: EntityManager,
    spec: TableSpec,
    properties: string[],
    count: number,
    upsert: boolean,
    sqlite: boolean,
  ): string {
    const escape = (name: string) => manager.connection.driver.escape(name);
    const columns = properties.map((p) => escape(spec.columns[p].name));
    const tuple = `(${properties.map(() => '?').join(',')})`;
    const head = `INSERT INTO ${escape(spec.table)} (${columns.join(',')}) VALUES ${Array.from({ length: count }, () => tuple).join(',')}`;
    if (!upsert) return head;
    const keys = properties.filter((p) => spec.columns[p].primary).map((p) => escape(spec.columns[p].name));
    const others = properties.filter((p) => !spec.columns[p].primary).map((p) => escape(spec.columns[p].name));
    if (!keys.length || !others.length) throw new Error(`${spec.table}: an upsert needs a primary key and other columns`);
    return sqlite
      ? `${head} ON CONFLICT (${keys.join(',')}) DO UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')}`
      : `${head} ON DUPLICATE KEY UPDATE ${others.map((c) => `${c} = VALUES(${c})`).join(', ')}`;
  }

  private text(key: string, build: () => string): string {
    let sql = this.texts.get(key);
    if (sql === undefined) {
      sql = build();
      this.texts.set(key, sql);
    }
    return sql;
  }

  /** The manager's better-sqlite3 handle, or null on MySQL. */
  private sqlite(manager: EntityManager): SqliteHandle | null {
    if (manager.connection.options.type !== 'better-sqlite3') return null;
    // TypeORM's BetterSqlite3Driver keeps the open handle here; its public type is the generic Driver's.
    return (manager.connection.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
  }

  private async execute(
    manager: EntityManager,
    sqlite: SqliteHandle | null,
    sql: string,
    parameters: readonly unknown[],
    reads: boolean,
  ): Promise<ObjectLiteral[]> {
    if (!sqlite) return (await manager.query(sql, [...parameters])) as ObjectLiteral[];
    // Only inside a transaction: a statement on the bare handle would otherwise commit on its own.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('IndexStatements runs in a transaction');
    let statements = this.prepared.get(sqlite);
    if (!statements) {
      statements = new Map();
      this.prepared.set(sqlite, statements);
    }
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    if (reads) return statement.all(...parameters);
    statement.run(...parameters);
    return [];
  }
}
