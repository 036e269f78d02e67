import type { CellValue } from './plainCellValue';

/** One row as read from a file, before it is understood. */
export interface SheetRow {
  /** The spreadsheet's 1-based row number (CSV: the record number). */
  number: number;
  /** Cells left to right, 0-based; a missing cell is null. */
  cells: CellValue[];
}
