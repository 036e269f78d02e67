import fs from 'node:fs';
import path from 'node:path';
import { normalizeText } from './normalizeText';
import { parseCsv } from './parseCsv';

/** A row of the 2022 national occupational classification (职业分类大典 2022年版). */
export interface Occupation {
  /** d-dd-dd-dd, e.g. 6-18-02-04; a major group is 6-00-00-00. */
  code: string;
  name: string;
  /** 1 major group, 2 middle group, 3 minor group, 4 occupation. */
  level: 1 | 2 | 3 | 4;
  aliases: string[];
}

/** Names the 2022 edition dropped but certificates still carry: 育婴员 (2015 4-10-01-02) is now under 保育师. */
export const legacyOccupationCodes: Readonly<Record<string, string>> = Object.freeze({
  育婴员: '4-10-01-03',
});

interface Catalogue {
  /** Level-4 occupations once each, in catalogue order. */
  occupations: readonly Occupation[];
  byCode: Map<string, Occupation>;
  /** Normalised name or alias → every code that uses it. */
  byTerm: Map<string, Set<string>>;
}

let catalogue: Catalogue | undefined;

const codePattern = /^\d-\d{2}-\d{2}-\d{2}$/;

/** The 2022 edition appends S (digital), L (green) or L/S to some names; the mark is not part of the name. */
const editionMark = /^([^A-Za-z]+)(L\/S|S|L)$/;

function termKey(text: string): string {
  return normalizeText(text).toLowerCase();
}

function load(): Catalogue {
  if (catalogue) return catalogue;
  const file = path.join(__dirname, '../data/occupations-2022.csv');
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  if (header?.join(',') !== 'level,code,name,aliases') throw new Error(`${file}: unexpected header ${header?.join(',')}`);
  const byCode = new Map<string, Occupation>();
  const byTerm = new Map<string, Set<string>>();
  const occupations: Occupation[] = [];
  rows.forEach((fields, i) => {
    const [levelText, code, markedName, aliasText = ''] = fields;
    const level = Number(levelText);
    if (fields.length < 3 || !codePattern.test(code) || ![1, 2, 3, 4].includes(level) || !markedName) {
      throw new Error(`${file} line ${i + 2}: malformed row ${fields.join(',')}`);
    }
    const name = editionMark.exec(markedName)?.[1] ?? markedName;
    const aliases = [
      ...new Set(
        aliasText
          .split(',')
          .map((a) => a.trim())
          .filter((a) => a !== ''),
      ),
    ];
    const occupation: Occupation = Object.freeze({
      code,
      name,
      level: level as Occupation['level'],
      aliases: Object.freeze(aliases) as string[],
    });
    const seen = byCode.get(code);
    // The extract repeats a few rows, and 2-03-01-00 is both a minor group and its single occupation: keep the most specific.
    if (!seen || seen.level < occupation.level) byCode.set(code, occupation);
    if (level === 4 && seen?.level !== 4) occupations.push(occupation);
    for (const term of [name, markedName, ...aliases]) {
      const key = termKey(term);
      if (key !== '') byTerm.set(key, (byTerm.get(key) ?? new Set<string>()).add(code));
    }
  });
  catalogue = { occupations, byCode, byTerm };
  return catalogue;
}

/** d-dd-dd-dd from a code written with or without dashes (full-width and typographic dashes too). */
function canonicalCode(text: string): string | undefined {
  const s = normalizeText(text).replace(/[\u2010-\u2015\u2212]/g, '-');
  if (codePattern.test(s)) return s;
  const digits = /^(\d)(\d{2})(\d{2})(\d{2})$/.exec(s);
  return digits ? digits.slice(1).join('-') : undefined;
}

/** Occupations (level 4) of the 2022 classification, each code once. */
export function occupations(): Occupation[] {
  return load().occupations.slice();
}

/** The catalogue row with exactly this code (any level), written 6-18-02-04 or 6180204. */
export function occupationByCode(code: string): Occupation | undefined {
  const canonical = canonicalCode(code);
  return canonical === undefined ? undefined : load().byCode.get(canonical);
}

/** An occupation or group by code, name, alias (case/width-insensitive) or legacy name; a term of several codes is undefined. */
export function matchOccupation(text: string): Occupation | undefined {
  const code = canonicalCode(text);
  if (code !== undefined) return occupationByCode(code);
  const key = termKey(text);
  if (key === '') return undefined;
  const codes = load().byTerm.get(key);
  // A term used by two codes would be a guess, and a legacy name must not override the catalogue.
  if (codes) return codes.size === 1 ? occupationByCode([...codes][0]) : undefined;
  return Object.hasOwn(legacyOccupationCodes, key) ? occupationByCode(legacyOccupationCodes[key]) : undefined;
}

/** The major group (大类) digit 1..8 of an occupation code, e.g. '6' for 6-18-02-04. */
export function occupationMajorGroup(code: string): string {
  const major = /^[1-8]/.exec(normalizeText(code));
  if (!major) throw new RangeError(`"${code}" is not an occupation code (职业编码应以大类数字 1-8 开头)`);
  return major[0];
}
