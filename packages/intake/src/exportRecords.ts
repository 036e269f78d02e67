import type { Writable } from 'node:stream';
import type { PageOf, PersonRecord } from '@hub/subgraph-kit';
import { occupationByCode, sexLabels, townshipByCode } from '@hub/vocabulary';
import { createTableWriter, TableColumn, TableFormat } from './createTableWriter';
import type { IntakeHub } from './createRowValidator';
import type { IntakeColumn } from './IntakeColumn';

/** Rows per page read from the repository: keyset pagination, never the whole table at once. */
export const EXPORT_PAGE = 1000;

/** Columns about the person at the start of every export: masked ID number only, never the raw one. */
export const exportPersonColumns: readonly TableColumn[] = [
  { header: '姓名', width: 10 },
  { header: '身份证号（脱敏）', width: 22 },
  { header: '性别', width: 6 },
  { header: '乡镇代码', width: 12 },
  { header: '乡镇', width: 12 },
];

export function personCells(person: PersonRecord | undefined): unknown[] {
  if (!person) return [null, null, null, null, null];
  return [
    person.name,
    person.idNumberMasked,
    sexLabels[person.sex] ?? person.sex,
    person.townshipCode,
    person.townshipCode ? (townshipByCode(person.townshipCode)?.name ?? null) : null,
  ];
}

export function occupationCells(code: string | null): unknown[] {
  return [code, code ? (occupationByCode(code)?.name ?? null) : null];
}

/** A department's own column as a cell: yes/no flags as 是/否. */
export function extraCell(column: IntakeColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.parser === 'yesNo') return Number(value) ? '是' : '否';
  return value;
}

export interface RecordExport<T> {
  table: string;
  columns: readonly TableColumn[];
  page: (afterId: number | undefined) => Promise<PageOf<T>>;
  idOf: (record: T) => number;
  personIdOf: (record: T) => string;
  cells: (record: T, person: PersonRecord | undefined) => unknown[];
}

/** Streams records page by page (keyset on id), fetching each page's people in one query. Returns the number of rows. */
export async function exportRecords<T>(hub: IntakeHub, spec: RecordExport<T>, format: TableFormat, writable: Writable): Promise<number> {
  const out = createTableWriter(format, writable);
  out.table(spec.table, spec.columns);
  let afterId: number | undefined;
  let count = 0;
  for (;;) {
    const page = await spec.page(afterId);
    if (page.rows.length === 0) break;
    const people = new Map((await hub.repo.peopleByIds([...new Set(page.rows.map(spec.personIdOf))])).map((p) => [p.personId, p]));
    for (const record of page.rows) await out.row(spec.cells(record, people.get(spec.personIdOf(record))));
    count += page.rows.length;
    afterId = spec.idOf(page.rows[page.rows.length - 1]);
    if (!page.hasNextPage) break;
  }
  await out.close();
  return count;
}
