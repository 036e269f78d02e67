import { CellValue, displayText, isBlank } from './plainCellValue';

export type SkipReason = 'blank' | 'comment' | 'totals' | 'footer';

const TOTALS = /^(合计|总计|小计)/;
/** Signature lines under a form: 填表人：张三 审核人：李四. */
const FOOTER = /^(填表人|制表人|审核人|填报人|负责人|经办人|填表日期|制表日期|填报日期|填报单位|联系电话|备注|说明)/;
const COMMENT = /^[#＃]/;
/** Totals and footers sit in the first cells of their row. */
const LEADING_CELLS = 3;

/**
 * Rows that are not data and are passed over without a report line: blank rows, comment rows
 * (first filled cell starts with #, as in the templates' example row), totals (合计/总计/小计) and
 * signature lines with no ID number.
 */
export function skippableRow(cells: readonly CellValue[], idIndex: number): SkipReason | undefined {
  let first: string | undefined;
  for (const cell of cells) {
    if (!isBlank(cell)) {
      first = displayText(cell);
      break;
    }
  }
  if (first === undefined) return 'blank';
  if (COMMENT.test(first)) return 'comment';
  const leading = cells.slice(0, LEADING_CELLS).map((c) => displayText(c).normalize('NFKC').replace(/\s+/g, ''));
  if (leading.some((text) => TOTALS.test(text))) return 'totals';
  if (isBlank(cells[idIndex] ?? null) && leading.some((text) => FOOTER.test(text))) return 'footer';
  return undefined;
}
