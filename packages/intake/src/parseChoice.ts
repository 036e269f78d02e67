import { ChoiceValues, readChoice, ReadRule, targetGroupLabels } from '@hub/vocabulary';

/** The message for a value no rule reads, per column. */
const messages = {
  channel:
    '无法识别的培训渠道，请填写 企业职工全员培训/学校技能培训及机关事业单位干部职工培训/社会培训机构及新型职业农民培训（或 企业/学校/社会）',
  targetGroup: `无法识别的培训对象，请填写 ${Object.values(targetGroupLabels).join('/')}`,
  directedKind: '无法识别的订单/定向，请填写 订单式培训 或 定向式培训（或 订单/定向），不是则留空或填“否”',
  outcome: '无法识别的结业情况，请填写 是/否/在训（或 结业/未结业）',
  status: '证书状态只能填写“有效”“已撤销”或“已注销”；证书过期由“有效期至”体现',
  sex: '性别请填写“男”或“女”',
  yesNo: '请填写“是”或“否”',
} as const;

export type ChoiceKind = keyof typeof messages;

/** What intake stores: the vocabulary's value, except yes/no, which the kit keeps as 1/0. */
type ChoiceValue<K extends ChoiceKind> = K extends 'yesNo' ? '1' | '0' : ChoiceValues[K];

/**
 * The enum value a cell names and how it was read (the synonym tables are in @hub/vocabulary
 * data/synonyms), or the Chinese reason it names none.
 */
export function parseChoice<K extends ChoiceKind>(
  kind: K,
  text: string,
): { ok: true; value: ChoiceValue<K>; rule: ReadRule } | { ok: false; reason: string } {
  const read = readChoice(kind, text);
  if (!read) return { ok: false, reason: messages[kind] };
  const value = (kind === 'yesNo' ? (read.value === 'YES' ? '1' : '0') : read.value) as ChoiceValue<K>;
  return { ok: true, value, rule: read.rule };
}
