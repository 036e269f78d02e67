import {
  CertificateStatus,
  Sex,
  TargetGroup,
  targetGroupLabels,
  targetGroups,
  TrainingChannel,
  trainingChannelLabels,
  trainingChannels,
  TrainingOutcome,
  trainingOutcomeLabels,
  trainingOutcomes,
} from '@hub/vocabulary';

/** NFKC, no spaces, upper case: how a choice cell is compared. */
function key(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

function table<T extends string>(entries: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(entries).map(([spelling, value]) => [key(spelling), value]));
}

function withLabels<T extends string>(values: readonly T[], labels: Record<T, string>, more: Record<string, T>): ReadonlyMap<string, T> {
  const entries: Record<string, T> = {};
  for (const value of values) {
    entries[value] = value;
    entries[labels[value]] = value;
  }
  return table({ ...entries, ...more });
}

const channels = withLabels<TrainingChannel>(trainingChannels, trainingChannelLabels, {
  企业: 'ENTERPRISE',
  企业职工培训: 'ENTERPRISE',
  企业培训: 'ENTERPRISE',
  学校: 'SCHOOL_PUBLIC',
  学校技能培训: 'SCHOOL_PUBLIC',
  机关事业单位干部职工培训: 'SCHOOL_PUBLIC',
  学校及机关事业单位: 'SCHOOL_PUBLIC',
  社会: 'SOCIAL_RURAL',
  社会培训: 'SOCIAL_RURAL',
  社会培训机构: 'SOCIAL_RURAL',
  新型职业农民培训: 'SOCIAL_RURAL',
  高素质农民培训: 'SOCIAL_RURAL',
});

const groups = withLabels<TargetGroup>(targetGroups, targetGroupLabels, {
  职工: 'EMPLOYEE',
  学生: 'STUDENT',
  毕业生: 'GRADUATE',
  机关事业单位干部职工: 'PUBLIC_STAFF',
  机关事业单位工作人员: 'PUBLIC_STAFF',
  脱贫人口: 'POVERTY_ALLEVIATED',
  脱贫户: 'POVERTY_ALLEVIATED',
  失业: 'UNEMPLOYED',
  登记失业人员: 'UNEMPLOYED',
  退役士兵: 'VETERAN',
});

const outcomes = withLabels<TrainingOutcome>(trainingOutcomes, trainingOutcomeLabels, {
  是: 'COMPLETED',
  已结业: 'COMPLETED',
  结业: 'COMPLETED',
  否: 'DROPPED',
  未结业: 'DROPPED',
  在训: 'IN_PROGRESS',
  培训中: 'IN_PROGRESS',
  在培: 'IN_PROGRESS',
  Y: 'COMPLETED',
  N: 'DROPPED',
});

const statuses = table<CertificateStatus>({
  VALID: 'VALID',
  REVOKED: 'REVOKED',
  CANCELLED: 'CANCELLED',
  有效: 'VALID',
  正常: 'VALID',
  已撤销: 'REVOKED',
  撤销: 'REVOKED',
  已注销: 'CANCELLED',
  注销: 'CANCELLED',
  已吊销: 'REVOKED',
  吊销: 'REVOKED',
  已作废: 'REVOKED',
  作废: 'REVOKED',
});

const sexes = table<Sex>({ 男: 'MALE', 女: 'FEMALE', 男性: 'MALE', 女性: 'FEMALE', M: 'MALE', F: 'FEMALE', MALE: 'MALE', FEMALE: 'FEMALE' });

const yesNo = table<'1' | '0'>({ 是: '1', 否: '0', Y: '1', N: '0', YES: '1', NO: '0', '1': '1', '0': '0', TRUE: '1', FALSE: '0', 有: '1', 无: '0' });

/** The choices a column accepts, with the message for anything else. */
const choices = {
  channel: { map: channels, message: '无法识别的培训渠道，请填写 企业职工全员培训/学校技能培训及机关事业单位干部职工培训/社会培训机构及新型职业农民培训（或 企业/学校/社会）' },
  targetGroup: { map: groups, message: `无法识别的培训对象，请填写 ${Object.values(targetGroupLabels).join('/')}` },
  outcome: { map: outcomes, message: '无法识别的结业情况，请填写 是/否/在训（或 结业/未结业）' },
  status: { map: statuses, message: '证书状态只能填写“有效”“已撤销”或“已注销”；证书过期由“有效期至”体现' },
  sex: { map: sexes, message: '性别请填写“男”或“女”' },
  yesNo: { map: yesNo, message: '请填写“是”或“否”' },
} as const;

export type ChoiceKind = keyof typeof choices;

type ChoiceValue<K extends ChoiceKind> = (typeof choices)[K]['map'] extends ReadonlyMap<string, infer V> ? V : never;

/** The enum value a cell names, or the Chinese reason it names none. */
export function parseChoice<K extends ChoiceKind>(kind: K, text: string): { ok: true; value: ChoiceValue<K> } | { ok: false; reason: string } {
  const found = choices[kind].map.get(key(text)) as ChoiceValue<K> | undefined;
  return found === undefined ? { ok: false, reason: choices[kind].message } : { ok: true, value: found };
}
