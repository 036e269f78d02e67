import { parseChoice } from './parseChoice';

describe('parseChoice', () => {
  it.each([
    ['outcome', '是', 'COMPLETED'],
    ['outcome', '结业', 'COMPLETED'],
    ['outcome', '否', 'DROPPED'],
    ['outcome', '未结业', 'DROPPED'],
    ['outcome', '在训', 'IN_PROGRESS'],
    ['channel', '企业职工全员培训', 'ENTERPRISE'],
    ['channel', '学校技能培训及机关事业单位干部职工培训', 'SCHOOL_PUBLIC'],
    ['channel', '社会培训机构及新型职业农民培训', 'SOCIAL_RURAL'],
    ['channel', ' 企业 ', 'ENTERPRISE'],
    ['channel', 'social_rural', 'SOCIAL_RURAL'],
    ['targetGroup', '退役军人', 'VETERAN'],
    ['targetGroup', '脱贫劳动力', 'POVERTY_ALLEVIATED'],
    ['status', '有效', 'VALID'],
    ['status', '已撤销', 'REVOKED'],
    ['sex', '女', 'FEMALE'],
    ['sex', 'Ｍ', 'MALE'],
    ['yesNo', '是', '1'],
    ['yesNo', '否', '0'],
  ] as const)('%s %s → %s', (kind, text, value) => {
    expect(parseChoice(kind, text)).toEqual({ ok: true, value, rule: expect.any(String) });
  });

  it('explains what it accepts', () => {
    expect(parseChoice('status', '已过期')).toEqual({ ok: false, reason: expect.stringContaining('有效期至') });
    expect(parseChoice('targetGroup', '群众')).toEqual({ ok: false, reason: expect.stringContaining('农民工') });
  });
});
