/** Required/optional markers clerks add to headers: 姓名*, 身份证号(必填), 等级（选填）. */
const markers = /\*|\((?:必填|选填|可选|非必填)\)/g;

/** Zero-width characters that copies from web pages leave inside header cells. */
const invisible = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A header as a comparable key: NFKC (so （） and full-width letters become ASCII), no spaces or
 * line breaks, no required markers, no trailing colon, lower case.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(invisible, '')
    .replace(/\s+/g, '')
    .replace(markers, '')
    .replace(/[:：]+$/, '')
    .toLowerCase();
}

/** The same key without any parenthesised part, for headers such as 发证日期(格式:2023-05-01). */
export function withoutParentheses(key: string): string {
  return key.replace(/\([^()]*\)/g, '').replace(/\[[^\]]*\]/g, '');
}
