import { DataSource, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { RawSqlResultsToEntityTransformer } from 'typeorm/query-builder/transformer/RawSqlResultsToEntityTransformer';

interface Prepared {
  sql: string;
  qb: SelectQueryBuilder<ObjectLiteral>;
}

/**
 * `SELECT … FROM <entity> WHERE <property> IN (?, …)` with the SQL text built once per entity,
 * property and number of keys, then reused: the loaders behind entity fetches (a person, their
 * certificates, their trainings) ask this for every request, and TypeORM's query builder spent about a
 * quarter of a subgraph's CPU rebuilding the same text. The rows are turned into entities by TypeORM's
 * own transformer, with the column types and transformers of a find. The text goes to the driver as
 * it is: better-sqlite3's runner keeps the prepared statement for a text it has seen (TypeORM's
 * statement cache), MySQL parses it again (a text-protocol query, as every TypeORM query).
 * At most `limit` texts are kept (batches of 1 to 1,000 keys for three entities stay well inside).
 */
export class InQueryCache {
  private readonly prepared = new Map<string, Prepared>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly limit = 1024,
  ) {}

  async findIn<T extends ObjectLiteral>(entity: string, property: string, values: readonly unknown[]): Promise<T[]> {
    if (values.length === 0) return [];
    const prepared = this.prepare(entity, property, values);
    // findBy's FindOptionsWhere<T> cannot type a property named at run time; the entity's metadata checks it.
    if (!prepared) return this.dataSource.getRepository<T>(entity).findBy({ [property]: In([...values]) } as never);
    const raw = await this.dataSource.query<unknown[]>(prepared.sql, [...values]);
    const transformer = new RawSqlResultsToEntityTransformer(prepared.qb.expressionMap, this.dataSource.driver, []);
    return transformer.transform(raw, prepared.qb.expressionMap.mainAlias!) as T[];
  }

  /** How many texts are kept (for tests). */
  get size(): number {
    return this.prepared.size;
  }

  private prepare(entity: string, property: string, values: readonly unknown[]): Prepared | null {
    const key = `${entity}\0${property}\0${values.length}`;
    const hit = this.prepared.get(key);
    if (hit) return hit;
    // Built with stand-in keys: TypeORM writes numbers into the text itself, strings as parameters.
    const standIns = values.map((_, i) => `\u0000key${i}`);
    const qb = this.dataSource
      .getRepository<ObjectLiteral>(entity)
      .createQueryBuilder('e')
      .where({ [property]: In(standIns) });
    const [sql, parameters] = qb.getQueryAndParameters();
    // The text is reusable only if its parameters are exactly the keys, in order (one `?` each);
    // any other shape is asked through TypeORM every time.
    if (parameters.length !== values.length || parameters.some((p, i) => p !== standIns[i])) return null;
    if (this.prepared.size >= this.limit) this.prepared.delete(this.prepared.keys().next().value!);
    const prepared = { sql, qb };
    this.prepared.set(key, prepared);
    return prepared;
  }
}
