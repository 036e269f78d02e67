import type { ColumnSpec } from '@hub/subgraph-kit';

/** Which of the two kinds of department sheet a file holds. */
export type SheetKind = 'certificates' | 'trainings';

export const sheetKinds: readonly SheetKind[] = ['certificates', 'trainings'];

export const sheetKindLabels: Record<SheetKind, string> = { certificates: '证书', trainings: '培训' };

/** How the cells of a column are read. */
export type CellParser =
  | 'text'
  | 'code'
  | 'idNumber'
  | 'date'
  | 'level'
  | 'kind'
  | 'status'
  | 'sex'
  | 'channel'
  | 'targetGroup'
  | 'directedKind'
  | 'outcome'
  | 'integer'
  | 'year'
  | 'yesNo';

/** One column of an intake sheet: how it is headed in templates, how clerks may head it, how it is read. */
export interface IntakeColumn {
  /** Property name: a standard field (idNumber, issuedOn …) or the department's own column (school …). */
  field: string;
  /** The header written in templates and exports. */
  label: string;
  /** Other headers accepted for it (the label is always accepted). */
  spellings: readonly string[];
  /** The file is refused when the header row lacks it. */
  required: boolean;
  parser: CellParser;
  /** Set for the department's own columns: the database column it fills. */
  extra?: ColumnSpec;
  /** 填写说明 shown in the template. */
  note: string;
  /** Example value for the template's example row. */
  example: string | number;
}
