import type { CellValue } from './plainCellValue';

/**
 * What a clerk writes in a cell to clear a stored optional value (乡镇, 有效期至, 结束日期, 课时, 职业, a
 * department's own optional columns). An empty cell, or a column the file does not have, leaves the
 * stored value as it is: absent is not empty.
 */
export const CLEAR_CELL = '（清空）';

/** （清空） with full- or half-width brackets, spaces ignored. */
export function isClearCell(value: CellValue): boolean {
  return typeof value === 'string' && value.normalize('NFKC').replace(/\s+/g, '') === '(清空)';
}
