import {
  certificateKindLabels,
  certificateKinds,
  channelPlanKey,
  departmentFromSlug,
  departmentLabels,
  departments,
  departmentSlug,
  kindInfo,
  talentCategories,
  trainingChannels,
} from './enums';
import { planTargets } from './planTargets';

describe('departments', () => {
  it('name each department in Chinese', () => {
    expect(departments.map((d) => departmentLabels[d])).toEqual([
      '人力资源和社会保障局',
      '教育局',
      '农业农村局',
      '退役军人事务局',
      '民政局',
      '财政局',
    ]);
  });

  it.each(departments)('resolve %s from its subgraph slug', (department) => {
    expect(departmentFromSlug(departmentSlug[department])).toBe(department);
  });

  it('use the subgraph folder names as slugs', () => {
    expect(departments.map((d) => departmentSlug[d])).toEqual(['hrss', 'education', 'agriculture', 'veterans', 'civil-affairs', 'finance']);
  });

  it('resolve no department from an unknown slug', () => {
    expect(departmentFromSlug('civil_affairs')).toBeUndefined();
    expect(departmentFromSlug('gateway')).toBeUndefined();
    expect(departmentFromSlug('')).toBeUndefined();
  });
});

describe('kindInfo', () => {
  it('levels only 职业资格 and 职业技能等级 certificates', () => {
    expect(certificateKinds.filter((k) => kindInfo[k].levelled)).toEqual(['VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL']);
  });

  it('puts the five skilled kinds, and only them, in the SKILLED category', () => {
    const skilled = certificateKinds.filter((k) => kindInfo[k].skilled);
    expect(skilled).toEqual(['VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL', 'SPECIAL_OPERATION', 'SPECIAL_EQUIPMENT', 'SPECIAL_ABILITY']);
    expect(certificateKinds.filter((k) => kindInfo[k].talentCategory === 'SKILLED')).toEqual(skilled);
  });

  it('maps the other kinds to their own talent categories', () => {
    expect(kindInfo.PROFESSIONAL_TITLE.talentCategory).toBe('PROFESSIONAL_TECHNICAL');
    expect(kindInfo.SOCIAL_WORKER.talentCategory).toBe('SOCIAL_WORK');
    expect(kindInfo.RURAL_PRACTICAL.talentCategory).toBe('RURAL_PRACTICAL');
    expect(kindInfo.MANAGEMENT.talentCategory).toBe('ENTERPRISE_MANAGEMENT');
  });

  it('covers every talent category with at least one kind', () => {
    expect(new Set(certificateKinds.map((k) => kindInfo[k].talentCategory))).toEqual(new Set(talentCategories));
  });

  it('gives the labels of certificateKindLabels', () => {
    expect(certificateKinds.map((k) => certificateKindLabels[k])).toEqual(certificateKinds.map((k) => kindInfo[k].label));
    expect(certificateKindLabels.SPECIAL_EQUIPMENT).toBe('特种设备作业人员证');
  });
});

describe('channelPlanKey', () => {
  it('names the annualChannels entries of plan-targets.json, one per channel', () => {
    expect(trainingChannels.map((c) => channelPlanKey[c])).toEqual(planTargets().annualChannels.map((c) => c.key));
  });
});
