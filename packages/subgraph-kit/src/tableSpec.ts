import { EntitySchema, Table, TableIndex } from 'typeorm';
import type { EntitySchemaColumnOptions } from 'typeorm';

/** Column types that mean the same on SQLite and MySQL. Times are ISO-8601 UTC strings. */
export type ColumnType = 'varchar' | 'int' | 'date' | 'text';

export interface ColumnSpec {
  /** Column name in the database (snake_case). */
  name: string;
  type: ColumnType;
  length?: number;
  nullable?: boolean;
  primary?: boolean;
  /** An auto-increment integer primary key. */
  increment?: boolean;
}

export interface IndexSpec {
  name: string;
  /** Property names. */
  columns: string[];
  unique?: boolean;
}

/**
 * One description of a table that yields both the TypeORM entity and the migration's Table,
 * so the two cannot drift apart.
 */
export interface TableSpec {
  /** Entity name used with `dataSource.getRepository(name)`. */
  entity: string;
  table: string;
  /** Keyed by property name (camelCase). */
  columns: Record<string, ColumnSpec>;
  indices?: IndexSpec[];
}

export function toEntitySchema<T>(spec: TableSpec): EntitySchema<T> {
  const columns: Record<string, EntitySchemaColumnOptions> = {};
  for (const [property, column] of Object.entries(spec.columns)) {
    columns[property] = {
      name: column.name,
      type: column.type === 'int' ? 'integer' : column.type,
      length: column.length,
      nullable: column.nullable ?? false,
      primary: column.primary ?? false,
      generated: column.increment ? 'increment' : undefined,
    };
  }
  return new EntitySchema<T>({
    name: spec.entity,
    tableName: spec.table,
    columns: columns,
    indices: (spec.indices ?? []).map((index) => ({ name: index.name, columns: index.columns, unique: index.unique ?? false })),
  });
}

export function toTable(spec: TableSpec): Table {
  return new Table({
    name: spec.table,
    columns: Object.values(spec.columns).map((column) => ({
      name: column.name,
      type: column.type === 'int' ? 'integer' : column.type,
      length: column.length === undefined ? undefined : String(column.length),
      isNullable: column.nullable ?? false,
      isPrimary: column.primary ?? false,
      isGenerated: column.increment ?? false,
      generationStrategy: column.increment ? 'increment' : undefined,
    })),
    indices: (spec.indices ?? []).map(
      (index) =>
        new TableIndex({
          name: index.name,
          columnNames: index.columns.map((property) => columnName(spec, property)),
          isUnique: index.unique ?? false,
        }),
    ),
  });
}

export function columnName(spec: TableSpec, property: string): string {
  const column = spec.columns[property];
  if (!column) throw new Error(`${spec.table} has no property ${property}`);
  return column.name;
}

/** Shorthands that keep table descriptions short. */
export const col = {
  id: (name = 'id'): ColumnSpec => ({ name, type: 'int', primary: true, increment: true }),
  key: (name: string, length: number): ColumnSpec => ({ name, type: 'varchar', length, primary: true }),
  text: (name: string, length: number, nullable = false): ColumnSpec => ({ name, type: 'varchar', length, nullable }),
  longText: (name: string, nullable = false): ColumnSpec => ({ name, type: 'text', nullable }),
  int: (name: string, nullable = false): ColumnSpec => ({ name, type: 'int', nullable }),
  date: (name: string, nullable = false): ColumnSpec => ({ name, type: 'date', nullable }),
  /** ISO-8601 UTC time, e.g. 2026-11-26T04:22:23.000Z. */
  time: (name: string, nullable = false): ColumnSpec => ({ name, type: 'varchar', length: 24, nullable }),
};
