import { certificateKinds, kindInfo } from './enums';
import type { CertificateKind } from './enums';
import { normalizeText } from './normalizeText';
import { toSimplified } from './toSimplified';

/** Names clerks and issuers use for each kind, besides the enum name and its label. */
const spellings: Record<CertificateKind, string[]> = {
  VOCATIONAL_QUALIFICATION: ['职业资格证书', '国家职业资格证书', '职业资格证', '职业资格', '国家职业资格', '技能人员职业资格证书'],
  SKILL_LEVEL: ['职业技能等级证书', '技能等级证书', '职业技能等级证', '技能等级证', '职业技能等级', '职业技能等级认定证书'],
  SPECIAL_OPERATION: ['特种作业操作证', '特种作业证', '特种作业操作证书', '特种作业人员操作证', '特种作业人员操作证书'],
  SPECIAL_EQUIPMENT: [
    '特种设备作业人员证',
    '特种设备证',
    '特种设备作业人员证书',
    '特种设备作业证',
    '特种设备操作证',
    '特种设备安全管理和作业人员证',
  ],
  SPECIAL_ABILITY: ['专项职业能力证书', '专项能力证书', '专项职业能力证', '专项职业能力'],
  PROFESSIONAL_TITLE: [
    '会计专业技术资格',
    '会计专业技术资格证书',
    '专业技术资格',
    '专业技术资格证书',
    '专业技术人员职业资格证书',
    '职称证书',
    '职称',
  ],
  SOCIAL_WORKER: ['社会工作者职业资格证书', '社会工作者证', '社会工作者职业资格', '社会工作者职业水平证书', '社会工作者证书', '社工证'],
  RURAL_PRACTICAL: ['农村实用人才证书', '高素质农民证书', '高素质农民结业证书', '新型职业农民证书', '新型职业农民资格证书'],
  MANAGEMENT: ['企业经营管理人才证书'],
};

/** Quotes and title marks that wrap certificate names in documents. */
const wrappers = /[《》〈〉「」『』“”‘’"']/g;

/** Compared as normalizeText gives it, traditional characters made simplified (職業技能等級證書), without title marks. */
function key(text: string): string {
  return toSimplified(normalizeText(text)).replace(wrappers, '').toUpperCase();
}

let byKey: Map<string, CertificateKind> | undefined;

function lookup(): Map<string, CertificateKind> {
  if (byKey) return byKey;
  const map = new Map<string, CertificateKind>();
  for (const kind of certificateKinds) {
    for (const spelling of [kind, kindInfo[kind].label, ...spellings[kind]]) {
      const k = key(spelling);
      const existing = map.get(k);
      // A spelling listed under two kinds is a bug in this table, not a choice to make at runtime.
      if (existing && existing !== kind) throw new Error(`certificate kind spelling ${spelling} is listed under ${existing} and ${kind}`);
      map.set(k, kind);
    }
  }
  byKey = map;
  return map;
}

/** A certificate kind from its usual Chinese names (职业技能等级证书, 特种作业证, 社工证, …) or its enum name. */
export function parseCertificateKind(text: string): CertificateKind | undefined {
  return lookup().get(key(text));
}
