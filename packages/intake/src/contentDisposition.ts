/** RFC 5987 value: encodeURIComponent leaves ' ( ) * unescaped, which filename* does not allow. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An attachment header with an ASCII fallback name and the real (Chinese) name as UTF-8 filename* (RFC 6266). */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(filename)}`;
}
