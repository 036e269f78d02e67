const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China (UTC+8, no DST) as YYYYMMDD, so a baby born after midnight Beijing time is not "in the future" on a UTC server. */
export function chinaToday(nowMs: number = Date.now()): string {
  const d = new Date(nowMs + CHINA_UTC_OFFSET_MS);
  const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${yyyy}${mm}${dd}`;
}
