import fs from 'node:fs';
import path from 'node:path';
import { normalizeText } from './normalizeText';
import type { Reading } from './readChoice';
import { toSimplified } from './toSimplified';

export interface Township {
  /** 9-digit NBS statistical division code, e.g. 410928101. */
  code: string;
  name: string;
  type: '镇' | '乡';
}

interface TownshipsFile {
  county: { code: string; name: string };
  townships: Township[];
}

/** Spellings used by NBS up to its 2021 release (固/罡 became 堌/堽 in 2022). */
const variantNames: Readonly<Record<string, string>> = {
  王称固镇: '王称堌镇',
  白罡乡: '白堽乡',
};

/** 梁庄 was 梁庄乡 410928204 until the 2017 release, 梁庄镇 410928112 from 2018 on. */
const formerUnits: Readonly<Record<string, string>> = {
  梁庄乡: '梁庄镇',
  '410928204': '梁庄镇',
};

/** Administrative prefixes clerks write before a township name; stripped in any order. */
const prefixes = ['河南省', '濮阳市', '濮阳县'];

interface Catalogue {
  list: readonly Township[];
  byCode: Map<string, Township>;
  /** Current codes plus former ones, for free-text matching only. */
  byAnyCode: Map<string, Township>;
  /** A key that two townships would share maps to null, so it never resolves. */
  byKey: Map<string, Township | null>;
}

let catalogue: Catalogue | undefined;

function load(): Catalogue {
  if (catalogue) return catalogue;
  const file = JSON.parse(fs.readFileSync(path.join(__dirname, '../data/townships.json'), 'utf8')) as TownshipsFile;
  const list = file.townships
    .map((t) => Object.freeze({ code: t.code, name: t.name, type: t.type }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const byCode = new Map(list.map((t) => [t.code, t] as const));
  const byAnyCode = new Map(byCode);
  const byName = new Map(list.map((t) => [t.name, t] as const));
  const byKey = new Map<string, Township | null>();
  const add = (key: string, township: Township): void => {
    const existing = byKey.get(key);
    byKey.set(key, existing === undefined || existing === township ? township : null);
  };
  for (const t of list) {
    add(t.name, t);
    add(t.name.slice(0, -1), t);
  }
  for (const [variant, name] of Object.entries(variantNames)) {
    const t = byName.get(name);
    if (!t) throw new Error(`townships.json has no ${name} for the variant ${variant}`);
    add(variant, t);
    add(variant.slice(0, -1), t);
  }
  for (const [former, name] of Object.entries(formerUnits)) {
    const t = byName.get(name);
    if (!t) throw new Error(`townships.json has no ${name} for the former unit ${former}`);
    if (/^\d+$/.test(former)) byAnyCode.set(former, t);
    else add(former, t);
  }
  catalogue = { list, byCode, byAnyCode, byKey };
  return catalogue;
}

/** The 20 township-level units of 濮阳县 (12 镇, 8 乡), in code order. */
export function townships(): Township[] {
  return load().list.slice();
}

/** Exact 9-digit code of a current township. */
export function townshipByCode(code: string): Township | undefined {
  return load().byCode.get(code);
}

/** A township from a 9/12-digit code or a name as clerks write it (prefixes, no suffix, old spellings, 梁庄乡); never a guess. */
/** The one refusal of a township that is not the county's, for GraphQL input errors and spreadsheet rows alike. */
export function unknownTownshipMessage(written: string): string {
  return `乡镇“${written}”不是濮阳县的乡镇，请填写乡镇名称或统计代码`;
}

export function matchTownship(text: string): Township | undefined {
  let s = normalizeText(text);
  if (/^\d+$/.test(s)) {
    if (s.length === 12 && s.endsWith('000')) s = s.slice(0, 9);
    return s.length === 9 ? load().byAnyCode.get(s) : undefined;
  }
  s = withoutPrefixes(s);
  if (s === '') return undefined;
  return load().byKey.get(s) ?? undefined;
}

function withoutPrefixes(text: string): string {
  let s = text;
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const prefix of prefixes) {
      if (s.startsWith(prefix)) {
        s = s.slice(prefix.length);
        stripped = true;
      }
    }
  }
  return s;
}

/** What clerks write after a township's name when they mean the township's office: 柳屯镇人民政府, 城关镇办事处. */
const officeSuffixes = ['人民政府', '街道办事处', '办事处', '街道办', '街道', '政府'];

/**
 * A township as clerks write it, and how it was read: `exact` its name or code; `synonym` what
 * matchTownship accepts, traditional characters, or an office suffix (柳屯镇人民政府, 城关街道);
 * `loose` a township's full name followed by a village (柳屯镇东街村) or a 12-digit village code —
 * accepted, reported for checking. Undefined when it names none of the 20 (or two).
 */
export function readTownship(text: string): Reading<Township> | undefined {
  const plain = normalizeText(text);
  const s = toSimplified(plain);
  const direct = matchTownship(s);
  if (direct) return { value: direct, rule: plain === direct.name || plain === direct.code ? 'exact' : 'synonym' };
  if (/^\d{12}$/.test(s)) {
    const village = load().byAnyCode.get(s.slice(0, 9));
    return village ? { value: village, rule: 'loose' } : undefined;
  }
  const bare = withoutPrefixes(s);
  for (const suffix of officeSuffixes) {
    if (bare.length > suffix.length && bare.endsWith(suffix)) {
      const office = matchTownship(bare.slice(0, -suffix.length));
      if (office) return { value: office, rule: 'synonym' };
    }
  }
  const starting = load().list.filter((t) => bare.startsWith(t.name));
  return starting.length === 1 ? { value: starting[0], rule: 'loose' } : undefined;
}
