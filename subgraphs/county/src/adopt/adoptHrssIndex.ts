import type { DataSource, EntityManager } from 'typeorm';
import { chunks, insertRows, TableSpec } from '@hub/subgraph-kit';
import {
  auditEntry,
  countyInput,
  feedCursor,
  holding,
  importRefusal,
  importRun,
  personMaster,
  personSeen,
  trainingFact,
} from '../entities/indexTables';
import { ledgerInput } from '../entities/ledgerTables';

/** What hrss's database held for the county, copied table by table (plan targets are the county's own seed). */
export const ADOPTED_TABLES: TableSpec[] = [
  personSeen,
  personMaster,
  holding,
  trainingFact,
  feedCursor,
  countyInput,
  auditEntry,
  importRun,
  importRefusal,
  ledgerInput,
];

/** hrss's tables of the county that have no place in the county service: dropped with the others after the copy. */
const RETIRED_ONLY = ['plan_target', 'directed_training', 'programme_feed_cursor'];

const PAGE = 5000;

export interface AdoptOptions {
  /** Empty the county's index first (it was started before the move and built its own). */
  replace?: boolean;
  /** Leave hrss's tables in place after the copy (the default drops them). */
  keepSource?: boolean;
  /** Copy nothing: only drop hrss's tables (after a copy made with keepSource, once hrss no longer reads them). */
  dropSourceOnly?: boolean;
  log?: (message: string) => void;
}

export interface AdoptOutcome {
  /** False when hrss holds no index (a new installation, or already adopted). */
  adopted: boolean;
  /** Rows copied per table. */
  copied: Record<string, number>;
  droppedSource: boolean;
}

export class AdoptError extends Error {}

const primaryColumns = (spec: TableSpec) =>
  Object.values(spec.columns)
    .filter((c) => c.primary)
    .map((c) => c.name);

async function count(db: DataSource | EntityManager, table: string): Promise<number> {
  return Number((await db.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? 0);
}

async function columnsOf(db: DataSource, table: string): Promise<Set<string> | null> {
  const runner = db.createQueryRunner();
  try {
    const found = await runner.getTable(table);
    return found ? new Set(found.columns.map((c) => c.name)) : null;
  } finally {
    await runner.release();
  }
}

/**
 * Moves a running county's holder index from hrss's database into the county service's: every table, in one
 * transaction on the county's side, each checked by its row count; then, unless told to keep them, drops hrss's
 * copies. The county service must not be running (it would pull feeds meanwhile); its database must be migrated.
 * Trainings get the two marks the county index keeps and hrss's did not: 企业新型学徒制 from hrss's own training
 * records, and 订单/定向 from hrss's directed-training table.
 */
export async function adoptHrssIndex(hrss: DataSource, county: DataSource, options: AdoptOptions = {}): Promise<AdoptOutcome> {
  const log = options.log ?? (() => undefined);
  const copied: Record<string, number> = {};
  if (!(await columnsOf(hrss, 'feed_cursor'))) return { adopted: false, copied, droppedSource: false };
  if (options.dropSourceOnly) {
    if ((await count(county, 'feed_cursor')) === 0)
      throw new AdoptError("县级服务尚无持证索引，不能删除人社局的旧表 the county service has no index yet: hrss's tables are not dropped");
    await dropSource(hrss);
    return { adopted: false, copied, droppedSource: true };
  }
  const countyHasIndex = (await count(county, 'feed_cursor')) + (await count(county, 'person_master')) > 0;
  if (countyHasIndex && !options.replace) {
    throw new AdoptError(
      '县级服务的持证索引不为空（可能已自行从变更流建立）；确认后加 --replace 覆盖 the county index is not empty: pass --replace to overwrite it',
    );
  }
  const expected: Record<string, number> = {};
  for (const spec of ADOPTED_TABLES) expected[spec.table] = (await columnsOf(hrss, spec.table)) ? await count(hrss, spec.table) : 0;

  await county.transaction(async (manager) => {
    for (const spec of ADOPTED_TABLES) await manager.query(`DELETE FROM ${spec.table}`);
    for (const spec of ADOPTED_TABLES) {
      const source = await columnsOf(hrss, spec.table);
      if (!source) continue;
      // Copy the columns both sides have, by property; a column hrss never had stays at its default (null).
      const properties = Object.keys(spec.columns).filter((p) => source.has(spec.columns[p].name));
      const select = properties.map((p) => `${spec.columns[p].name} AS ${hrss.driver.escape(p)}`).join(', ');
      const order = primaryColumns(spec).join(', ');
      let n = 0;
      for (let offset = 0; ; offset += PAGE) {
        const rows: Record<string, unknown>[] = await hrss.query(
          `SELECT ${select} FROM ${spec.table} ORDER BY ${order} LIMIT ${PAGE} OFFSET ${offset}`,
        );
        await insertRows(manager, spec, rows);
        n += rows.length;
        if (rows.length < PAGE) break;
      }
      copied[spec.table] = n;
      log(`  ${spec.table}: ${n}`);
    }
    await markTrainings(hrss, manager);
    for (const spec of ADOPTED_TABLES) {
      const got = await count(manager, spec.table);
      if (got !== expected[spec.table]) {
        throw new AdoptError(`${spec.table} 复制后行数不符 row count differs after the copy: hrss ${expected[spec.table]}, county ${got}`);
      }
    }
  });

  if (options.keepSource) return { adopted: true, copied, droppedSource: false };
  await dropSource(hrss);
  return { adopted: true, copied, droppedSource: true };
}

async function dropSource(hrss: DataSource): Promise<void> {
  const runner = hrss.createQueryRunner();
  try {
    for (const table of [...ADOPTED_TABLES.map((s) => s.table), ...RETIRED_ONLY])
      if (await runner.hasTable(table)) await runner.dropTable(table);
  } finally {
    await runner.release();
  }
}

/** The marks hrss's training_fact lacked: apprenticeship (hrss's trainings) and directed (hrss's directed_training). */
async function markTrainings(hrss: DataSource, manager: EntityManager): Promise<void> {
  const facts = await columnsOf(hrss, 'training_fact');
  if (!facts?.has('apprenticeship')) {
    const flagged: { id: string; apprenticeship: number }[] = await hrss.query(
      'SELECT id, apprenticeship FROM training WHERE apprenticeship IS NOT NULL',
    );
    for (const value of [0, 1]) {
      const ids = flagged.filter((t) => Number(t.apprenticeship) === value).map((t) => String(t.id));
      for (const part of chunks(ids)) {
        await manager.query(
          `UPDATE training_fact SET apprenticeship = ? WHERE department = 'HRSS' AND training_id IN (${part.map(() => '?').join(',')})`,
          [value, ...part],
        );
      }
    }
  }
  if (!facts?.has('directed')) {
    const directed: { department: string; trainingId: string }[] = (await columnsOf(hrss, 'directed_training'))
      ? await hrss.query('SELECT department, training_id AS trainingId FROM directed_training')
      : [];
    await manager.query('UPDATE training_fact SET directed = 0 WHERE directed IS NULL');
    for (const part of chunks(directed)) {
      await manager.query(
        `UPDATE training_fact SET directed = 1 WHERE ${part.map(() => '(department = ? AND training_id = ?)').join(' OR ')}`,
        part.flatMap((d) => [d.department, d.trainingId]),
      );
    }
  }
}
