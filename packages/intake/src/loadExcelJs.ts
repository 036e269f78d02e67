import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

/**
 * exceljs, loaded the first time a workbook is read or written. Loading it costs ~0.5 s of CPU and
 * ~10 MB in each process, and every department subgraph loads @hub/intake at start although only file
 * imports and exports use exceljs (BENCHMARKS.md, "Startup and footprint").
 */
export function loadExcelJs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, as said above
  return (loaded ??= require('exceljs') as typeof ExcelJS);
}
