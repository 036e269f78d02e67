import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { TableSpec } from '@hub/subgraph-kit';

/** The part of a better-sqlite3 statement this file uses (the driver's own types are not a dependency of the county). */
interface SqliteStatement {
  /** An array argument binds its elements to the anonymous parameters in order. */
  all(parameters: readonly unknown[]): ObjectLiteral[];
  run(parameters: readonly unknown[]): unknown;
}

/** The part of a better-sqlite3 database handle this file uses. */
interface SqliteHandle {
  prepare(sql: string): SqliteStatement;
}

/** Bound parameters per multi-row statement on MySQL (its limit is 65,535). */
const MYSQL_MAX_PARAMETERS = 60_000;
/** Keys per `IN (…)` read, well inside SQLite's 32,766 parameters: a page of 5,000 changes in two reads at most. */
const IN_KEYS = 4096;
/** Shortest padded `IN (…)` list on SQLite (short lists are padded to a power of two, see selectIn). */
const MIN_IN_KEYS = 8;

/** A value better-sqlite3 and mysql2 both bind: a missing property is NULL, a boolean 0 or 1. */
function bindable(value: unknown): unknown {
  return value === undefined ? null : typeof value === 'boolean' ? Number(value) : value;
}

/**
 * The holder index's bulk statements: INSERTs and upserts built from the table spec, and `IN (…)` reads of many
 * keys. On better-sqlite3 they have a fixed number of shapes, each prepared once per database handle and reused by
 * every page (TypeORM's statement cache belongs to a transaction's query runner, so it prepared every statement of
 * every page again), and bound straight to the handle inside the manager's transaction (SQLite has one connection:
 * the transaction TypeORM began on it is this one). On MySQL the text goes through the manager's connection, one
 * multi-row statement per table per page up to the parameter limit: there a round trip costs more than a parse, and
 * the text is built afresh (one per row count would be a cache of megabytes).
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
      const build = () =>
        `SELECT ${select.columns} FROM ${select.table} WHERE ${select.where ? `${select.where} AND ` : ''}${select.keyColumn} IN (${'?,'.repeat(size - 1)}?)`;
      const sql = sqlite
        ? this.text(`select\0${select.table}\0${select.columns}\0${select.where}\0${select.keyColumn}\0${size}`, build)
        : build();
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

  private async write(manager: EntityManager, spec: TableSpec, rows: readonly ObjectLiteral[], upsert: boolean): Promise<void> {
    if (!rows.length) return;
    const sqlite = this.sqlite(manager);
    const properties = Object.keys(spec.columns).filter((p) => !spec.columns[p].increment);
    const width = properties.length;
    if (sqlite) {
      // One prepared single-row statement run per row: in-process there is no round trip to save, and SQLite spends
      // less CPU on it than on multi-row VALUES lists (about 13 µs against 20 µs a holding row, measured).
      const statement = this.statement(
        sqlite,
        this.text(`${upsert ? 'upsert' : 'insert'}\0${spec.table}\0sqlite`, () =>
          this.insertText(manager, spec, properties, 1, upsert, true),
        ),
      );
      const parameters = new Array<unknown>(width);
      for (const row of rows) {
        for (let c = 0; c < width; c++) parameters[c] = bindable(row[properties[c]]);
        statement.run(parameters);
      }
      return;
    }
    const limit = Math.max(1, Math.floor(MYSQL_MAX_PARAMETERS / width));
    for (let done = 0; done < rows.length; done += limit) {
      const count = Math.min(limit, rows.length - done);
      const parameters = new Array<unknown>(count * width);
      let at = 0;
      for (let r = done; r < done + count; r++) for (let c = 0; c < width; c++) parameters[at++] = bindable(rows[r][properties[c]]);
      await manager.query(this.insertText(manager, spec, properties, count, upsert, false), parameters);
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

  /** A SQLite statement's text, built once (their shapes are few: see selectIn and write). */
  private text(key: string, build: () => string): string {
    let sql = this.texts.get(key);
    if (sql === undefined) {
      sql = build();
      this.texts.set(key, sql);
    }
    return sql;
  }

  /** The handle's prepared statement for `sql`, prepared on first use. */
  private statement(sqlite: SqliteHandle, sql: string): SqliteStatement {
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
    return statement;
  }

  /** The manager's better-sqlite3 handle, or null on MySQL. */
  private sqlite(manager: EntityManager): SqliteHandle | null {
    if (manager.connection.options.type !== 'better-sqlite3') return null;
    // Only inside a transaction: a statement on the bare handle would otherwise commit on its own.
    if (!manager.queryRunner?.isTransactionActive) throw new Error('IndexStatements runs in a transaction');
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
    if (!sqlite) return await manager.query<ObjectLiteral[]>(sql, [...parameters]);
    const statement = this.statement(sqlite, sql);
    if (reads) return statement.all(parameters);
    statement.run(parameters);
    return [];
  }
}
