/** Zero-width characters that spreadsheets and web copies leave inside cells. */
const invisible = /[\u200B-\u200D\u2060\uFEFF]/g;

/** NFKC (full-width digits, letters and brackets become ASCII), then drop every space and invisible character. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(invisible, '').replace(/\s+/g, '');
}
