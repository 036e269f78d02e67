import fs from 'node:fs';
import path from 'node:path';
import type { CertificateStatus, DirectedKind, Sex, TargetGroup, TrainingChannel, TrainingOutcome } from './enums';
import {
  certificateStatuses,
  certificateStatusLabels,
  directedKindLabels,
  directedKinds,
  sexes,
  sexLabels,
  targetGroupLabels,
  targetGroups,
  trainingChannelLabels,
  trainingChannels,
  trainingOutcomeLabels,
  trainingOutcomes,
} from './enums';
import { normalizeText } from './normalizeText';
import { toSimplified } from './toSimplified';

/** The coded columns whose spellings are reviewed data in data/synonyms/<column>.json. */
export interface ChoiceValues {
  channel: TrainingChannel;
  targetGroup: TargetGroup;
  directedKind: DirectedKind;
  outcome: TrainingOutcome;
  status: CertificateStatus;
  sex: Sex;
  yesNo: 'YES' | 'NO';
}
export type ChoiceColumn = keyof ChoiceValues;
export const choiceColumns: readonly ChoiceColumn[] = ['channel', 'targetGroup', 'directedKind', 'outcome', 'status', 'sex', 'yesNo'];

/**
 * How a written value was read: `exact` the label or enum name, `synonym` a reviewed spelling of
 * the synonym table, `loose` a keyword rule (the text holds the keywords of exactly one value) —
 * a loose reading is accepted but reported for the clerk to check.
 */
export type ReadRule = 'exact' | 'synonym' | 'loose';

export const readRuleLabels: Record<ReadRule, string> = {
  exact: '规范写法',
  synonym: '常见写法',
  loose: '近似读取，请核对',
};

export interface Reading<T> {
  value: T;
  rule: ReadRule;
}

/** The file format of data/synonyms/<column>.json. */
export interface SynonymFile {
  column: string;
  note?: string;
  values: Record<string, { synonyms: string[]; keywords: string[] }>;
}

/** Quotes, title marks and trailing punctuation that say nothing about the value. */
const wrappers = /[《》〈〉「」『』“”‘’"'`]/g;
const trailing = /[。.,，;；:：!！?？、]+$/;

/** How a coded cell is compared: NFKC, no spaces or invisible characters, traditional → simplified, upper case, no quotes. */
export function choiceKey(text: string): string {
  return toSimplified(normalizeText(text)).replace(wrappers, '').replace(trailing, '').toUpperCase();
}

const labelsOf: { [C in ChoiceColumn]: { values: readonly ChoiceValues[C][]; labels: Record<ChoiceValues[C], string> } } = {
  channel: { values: trainingChannels, labels: trainingChannelLabels },
  targetGroup: { values: targetGroups, labels: targetGroupLabels },
  directedKind: { values: directedKinds, labels: directedKindLabels },
  outcome: { values: trainingOutcomes, labels: trainingOutcomeLabels },
  status: { values: certificateStatuses, labels: certificateStatusLabels },
  sex: { values: sexes, labels: sexLabels },
  yesNo: { values: ['YES', 'NO'], labels: { YES: '是', NO: '否' } },
};

/** The Chinese label of a value, for reports. */
export function choiceLabel<C extends ChoiceColumn>(column: C, value: ChoiceValues[C]): string {
  return labelsOf[column].labels[value];
}

interface Table {
  exact: Map<string, string>;
  synonyms: Map<string, string>;
  /** Longest first, so that 未结业 is matched before 结业. */
  keywords: { key: string; value: string }[];
}

const tables = new Map<ChoiceColumn, Table>();

/** Reads data/synonyms/<column>.json; a spelling under two values is an error in the data, thrown at load. */
export function synonymFile(column: ChoiceColumn): SynonymFile {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '../data/synonyms', `${column}.json`), 'utf8')) as SynonymFile;
}

function load(column: ChoiceColumn): Table {
  const cached = tables.get(column);
  if (cached) return cached;
  const { values, labels } = labelsOf[column] as { values: readonly string[]; labels: Record<string, string> };
  const file = synonymFile(column);
  const exact = new Map<string, string>();
  const synonyms = new Map<string, string>();
  const claim = (map: Map<string, string>, spelling: string, value: string) => {
    const k = choiceKey(spelling);
    const other = exact.get(k) ?? synonyms.get(k);
    if (other !== undefined && other !== value)
      throw new Error(`synonyms/${column}.json: “${spelling}” is read as both ${other} and ${value}`);
    if (other === undefined) map.set(k, value);
  };
  for (const value of values) {
    claim(exact, value, value);
    claim(exact, labels[value], value);
  }
  const keywords: Table['keywords'] = [];
  for (const [value, entry] of Object.entries(file.values)) {
    if (!values.includes(value)) throw new Error(`synonyms/${column}.json: ${value} is not a value of ${column}`);
    for (const spelling of entry.synonyms) claim(synonyms, spelling, value);
    for (const keyword of entry.keywords) keywords.push({ key: choiceKey(keyword), value });
  }
  keywords.sort((a, b) => b.key.length - a.key.length);
  const table = { exact, synonyms, keywords };
  tables.set(column, table);
  return table;
}

/**
 * The value a keyword rule gives: every keyword found in the text, a shorter one not counted where
 * a longer one already matched; exactly one value named, else none (two values is never a guess).
 */
function byKeywords(table: Table, key: string): string | undefined {
  const covered = new Array<boolean>(key.length).fill(false);
  const found = new Set<string>();
  for (const { key: word, value } of table.keywords) {
    for (let at = key.indexOf(word); at >= 0; at = key.indexOf(word, at + 1)) {
      let free = true;
      for (let i = at; i < at + word.length; i++) if (covered[i]) free = false;
      if (!free) continue;
      for (let i = at; i < at + word.length; i++) covered[i] = true;
      found.add(value);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/** The value a coded cell names and how it was read, or undefined when it names none (or two). */
export function readChoice<C extends ChoiceColumn>(column: C, text: string): Reading<ChoiceValues[C]> | undefined {
  const table = load(column);
  const key = choiceKey(text);
  if (key === '') return undefined;
  const exact = table.exact.get(key);
  if (exact !== undefined) return { value: exact as ChoiceValues[C], rule: 'exact' };
  const synonym = table.synonyms.get(key);
  if (synonym !== undefined) return { value: synonym as ChoiceValues[C], rule: 'synonym' };
  const loose = byKeywords(table, key);
  return loose === undefined ? undefined : { value: loose as ChoiceValues[C], rule: 'loose' };
}
