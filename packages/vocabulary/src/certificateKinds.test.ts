import { parseCertificateKind } from './certificateKinds';
import { certificateKinds, kindInfo } from './enums';
import type { CertificateKind } from './enums';

const spellings: ReadonlyArray<readonly [string, CertificateKind]> = [
  ['职业资格证书', 'VOCATIONAL_QUALIFICATION'],
  ['国家职业资格证书', 'VOCATIONAL_QUALIFICATION'],
  ['职业技能等级证书', 'SKILL_LEVEL'],
  ['技能等级证书', 'SKILL_LEVEL'],
  ['特种作业操作证', 'SPECIAL_OPERATION'],
  ['特种作业证', 'SPECIAL_OPERATION'],
  ['特种设备作业人员证', 'SPECIAL_EQUIPMENT'],
  ['特种设备证', 'SPECIAL_EQUIPMENT'],
  ['专项职业能力证书', 'SPECIAL_ABILITY'],
  ['专项能力证书', 'SPECIAL_ABILITY'],
  ['会计专业技术资格', 'PROFESSIONAL_TITLE'],
  ['专业技术资格', 'PROFESSIONAL_TITLE'],
  ['职称证书', 'PROFESSIONAL_TITLE'],
  ['专业技术资格证书', 'PROFESSIONAL_TITLE'],
  ['社会工作者职业资格证书', 'SOCIAL_WORKER'],
  ['社会工作者证', 'SOCIAL_WORKER'],
  ['社会工作者职业水平证书', 'SOCIAL_WORKER'],
  ['高素质农民证书', 'RURAL_PRACTICAL'],
  ['新型职业农民证书', 'RURAL_PRACTICAL'],
  ['农村实用人才证书', 'RURAL_PRACTICAL'],
  ['企业经营管理人才证书', 'MANAGEMENT'],
  ['《职业技能等级证书》', 'SKILL_LEVEL'],
  [' 特种作业 操作证 ', 'SPECIAL_OPERATION'],
  ['skill_level', 'SKILL_LEVEL'],
];

describe('parseCertificateKind', () => {
  it.each(spellings)('reads %j as %s', (text, kind) => {
    expect(parseCertificateKind(text)).toBe(kind);
  });

  it.each(certificateKinds)('reads the enum name and the label of %s', (kind) => {
    expect(parseCertificateKind(kind)).toBe(kind);
    expect(parseCertificateKind(kindInfo[kind].label)).toBe(kind);
  });

  it.each([
    ['職業技能等級證書', 'SKILL_LEVEL'],
    ['特種作業操作證', 'SPECIAL_OPERATION'],
  ])('reads the traditional spelling %j as %s', (text, kind) => {
    expect(parseCertificateKind(text)).toBe(kind);
  });

  it.each(['学历证书', '毕业证书', '证书', '驾驶证', '职业', '', 'constructor'])('returns undefined for %j', (text) => {
    expect(parseCertificateKind(text)).toBeUndefined();
  });
});
