/**
 * The form under which a training institution's name, code or credit code is matched against a training's
 * `provider`, as clerks write it: NFKC (full-width letters, digits and brackets become half-width), every space
 * (ideographic and zero-width included) and every 《》“”"' quote removed, Latin letters upper-cased. Null for an
 * empty text. Both sides of the match (the register and the county index) use this one function.
 */
export function institutionKey(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const key = text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/[《》“”‘’"']/g, '')
    .toUpperCase();
  return key ? key.slice(0, 128) : null;
}
