import type { DepartmentDefinition } from '@hub/subgraph-kit';
import { intakeColumns } from './intakeColumns';
import type { IntakeColumn, SheetKind } from './IntakeColumn';
import { sheetKinds } from './IntakeColumn';
import { normalizeHeader, withoutParentheses } from './normalizeHeader';
import { CellValue, displayText } from './plainCellValue';

export interface MatchedColumn {
  /** 0-based position of the column in the row. */
  index: number;
  /** The header as written in the file. */
  header: string;
  column: IntakeColumn;
}

export interface HeaderMatch {
  kind: SheetKind;
  /** 1-based row number of the header row. */
  rowNumber: number;
  /** Number of cells in the header row, empty ones included (a CSV row must have as many). */
  width: number;
  columns: MatchedColumn[];
  byField: ReadonlyMap<string, MatchedColumn>;
  /** Required columns the header row lacks. */
  missing: IntakeColumn[];
  /** Columns headed twice, e.g. 身份证号 and 公民身份号码 side by side. */
  duplicates: { label: string; headers: string[] }[];
  /** Headers that are not intake columns (序号, 备注 …): their cells are not read. */
  ignored: string[];
}

type Lookup = Map<string, IntakeColumn>;

const lookups = new WeakMap<DepartmentDefinition, Record<SheetKind, Lookup>>();

function lookup(definition: DepartmentDefinition): Record<SheetKind, Lookup> {
  let found = lookups.get(definition);
  if (found) return found;
  const build = (kind: SheetKind): Lookup => {
    const map: Lookup = new Map();
    for (const column of intakeColumns(definition, kind)) {
      for (const spelling of [column.label, ...column.spellings]) {
        const key = normalizeHeader(spelling);
        const existing = map.get(key);
        // Two columns answering to one header would make imports depend on column order: a bug in the tables.
        if (existing && existing !== column)
          throw new Error(`header spelling ${spelling} is used by ${existing.field} and ${column.field}`);
        map.set(key, column);
      }
    }
    return map;
  };
  found = { certificates: build('certificates'), trainings: build('trainings') };
  lookups.set(definition, found);
  return found;
}

/** The column a header names, trying the header as written, then without parenthesised hints. */
export function columnForHeader(definition: DepartmentDefinition, kind: SheetKind, header: string): IntakeColumn | undefined {
  const map = lookup(definition)[kind];
  const key = normalizeHeader(header);
  return map.get(key) ?? map.get(withoutParentheses(key));
}

const identityFields = ['name', 'idNumber'];

/** Fields that only one kind of sheet has: they decide which kind a header row is. */
const kindFields: Record<SheetKind, ReadonlySet<string>> = {
  certificates: new Set(['kind', 'level', 'certificateNumber', 'issuingBody', 'issuedOn', 'validUntil', 'status', 'revokedOn']),
  trainings: new Set(['programme', 'channel', 'targetGroup', 'provider', 'startDate', 'endDate', 'hours', 'outcome']),
};

function matchAs(definition: DepartmentDefinition, kind: SheetKind, cells: readonly CellValue[], rowNumber: number): HeaderMatch {
  const columns: MatchedColumn[] = [];
  const byField = new Map<string, MatchedColumn>();
  const duplicates = new Map<string, string[]>();
  const ignored: string[] = [];
  cells.forEach((cell, index) => {
    const header = displayText(cell);
    if (header === '') return;
    const column = columnForHeader(definition, kind, header);
    if (!column) {
      ignored.push(header);
      return;
    }
    const first = byField.get(column.field);
    if (first) {
      duplicates.set(column.label, [...(duplicates.get(column.label) ?? [first.header]), header]);
      return;
    }
    const matched = { index, header, column };
    columns.push(matched);
    byField.set(column.field, matched);
  });
  return {
    kind,
    rowNumber,
    width: cells.length,
    columns,
    byField,
    missing: intakeColumns(definition, kind).filter((c) => c.required && !byField.has(c.field)),
    duplicates: [...duplicates].map(([label, headers]) => ({ label, headers })),
    ignored,
  };
}

/**
 * Reads a row as a header row: it must name 姓名 and 身份证号 and at least one column that only
 * certificates or only trainings have; the kind with more such columns wins. Undefined when the
 * row is not a header row (a title, a blank line, data).
 */
export function matchHeaderRow(
  definition: DepartmentDefinition,
  cells: readonly CellValue[],
  rowNumber: number,
): HeaderMatch | 'ambiguous' | undefined {
  const candidates = sheetKinds.map((kind) => {
    const match = matchAs(definition, kind, cells, rowNumber);
    const specific = match.columns.filter((c) => kindFields[kind].has(c.column.field)).length;
    return { match, specific };
  });
  const usable = candidates.filter((c) => c.specific > 0 && identityFields.every((f) => c.match.byField.has(f)));
  if (usable.length === 0) return undefined;
  usable.sort((a, b) => b.specific - a.specific);
  if (usable.length > 1 && usable[0].specific === usable[1].specific) return 'ambiguous';
  return usable[0].match;
}
