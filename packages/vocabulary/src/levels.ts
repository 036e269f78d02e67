import { levelFromNumber } from './enums';
import type { SkillLevel } from './enums';
import { normalizeText } from './normalizeText';

/** Legacy 国家职业资格 names: 五级(初级), 四级(中级), 三级(高级); read, but by a looser rule than the current names. */
const legacyTerms: ReadonlyArray<readonly [string, number]> = [
  ['高级', 3],
  ['中级', 4],
  ['初级', 5],
];

/** Every current spelling of a level that certificates and spreadsheets use. */
const levelTerms: ReadonlyArray<readonly [string, number]> = [
  ['高级技师', 1],
  ['技师', 2],
  ['高级工', 3],
  ['中级工', 4],
  ['初级工', 5],
  ...['一', '二', '三', '四', '五'].map((digit, i) => [`${digit}级`, i + 1] as const),
  ...[1, 2, 3, 4, 5].map((n) => [`${n}级`, n] as const),
  ...[1, 2, 3, 4, 5].map((n) => [`${n}`, n] as const),
];

/** Words around a level that say nothing about which level it is. */
const fillers = ['国家职业资格', '职业资格', '职业技能等级', '技能等级', '等级'];

const separators = new Set(['/', '(', ')', '[', ']', '【', '】', '、', ',', ';', ':', '-', '|']);

// Longest first, so 高级技师 is never read as 高级 + 技师.
const byLength = (list: ReadonlyArray<readonly [string, number]>) => [...list].sort((a, b) => b[0].length - a[0].length);
const currentTerms = byLength([...levelTerms, ...fillers.map((term) => [term, 0] as const)]);
const allTerms = byLength([...currentTerms, ...legacyTerms]);

/** A level from 1..5, 五级, 初级工, 四级（中级工）, 国家职业资格三级 or LEVEL_3; text naming two levels is undefined, never a guess. */
export function parseSkillLevel(text: string | number): SkillLevel | undefined {
  return readSkillLevel(text, true);
}

/** As parseSkillLevel; without `legacy`, the bare 初级/中级/高级 of old 国家职业资格 certificates are not read. */
export function readSkillLevel(text: string | number, legacy: boolean): SkillLevel | undefined {
  if (typeof text === 'number') return levelFromNumber(text);
  const terms = legacy ? allTerms : currentTerms;
  const s = normalizeText(text).toUpperCase();
  const enumName = /^LEVEL_?([1-5])$/.exec(s);
  if (enumName) return levelFromNumber(Number(enumName[1]));
  const found = new Set<number>();
  let i = 0;
  while (i < s.length) {
    if (separators.has(s[i])) {
      i += 1;
      continue;
    }
    const term = terms.find(([t]) => s.startsWith(t, i));
    if (!term) return undefined;
    if (term[1] !== 0) found.add(term[1]);
    i += term[0].length;
  }
  return found.size === 1 ? levelFromNumber([...found][0]) : undefined;
}
