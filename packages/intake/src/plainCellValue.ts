/** What a cell holds once spreadsheet wrapping (rich text, formulas, hyperlinks) is taken off. */
export type CellValue = string | number | boolean | Date | null;

/** exceljs cell values reduced to plain values: rich text joined, formula results, hyperlink texts, errors as their text (#N/A). */
export function plainCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
    if ('result' in v) return plainCellValue(v.result);
    if ('formula' in v || 'sharedFormula' in v) return null;
    if (typeof v.text === 'string' || (v.text && typeof v.text === 'object')) return plainCellValue(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/** True for a cell with nothing in it (spaces count as nothing). */
export function isBlank(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

/** A cell as a clerk would read it, for headers and error reports. */
export function displayText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value).trim();
}
