import type { WriteCounts } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import type { SheetKind } from './IntakeColumn';
import type { SheetFormat } from './openSheet';
import type { ColumnReading } from './ReadingLog';
import type { RowError } from './RowError';

/** What an import did (or, in a dry run, would do). rows = accepted + rejected + superseded. */
export interface ImportResult {
  file: string;
  format: SheetFormat;
  department: Department;
  kind: SheetKind;
  /** 1-based row number of the header row. */
  headerRow: number;
  dryRun: boolean;
  /** Data rows read (blank, comment, totals and signature rows not counted). */
  rows: number;
  /** Valid rows that were written (dry run: would be). */
  accepted: number;
  /** Rows with at least one error; nothing of them is written. */
  rejected: number;
  /** Valid rows whose natural key appears again further down: the later row is imported instead. */
  superseded: number;
  /** Certificates or trainings created, updated or found unchanged (zero in a dry run). */
  created: number;
  updated: number;
  unchanged: number;
  /** Person records (a person appearing in several batches counts once per batch). */
  people: WriteCounts;
  /** Transactions committed. */
  batches: number;
  errors: RowError[];
  supersededRows: RowError[];
  /** Rows imported with a warning: a level not on the kind's ladder (stored as 等级不明), a withdrawal without its date. */
  warnings: RowError[];
  /** Headers that are not intake columns (序号, 备注 …). */
  ignoredColumns: string[];
  /** Rows with a value read by a loose rule (accepted; listed in the readings for checking). */
  looseRows: number;
  /** Per coded column, every distinct written value, what it was read as and on how many rows. */
  readings: ColumnReading[];
  /** Where the report was written, if it was. */
  reportPath: string | null;
}
