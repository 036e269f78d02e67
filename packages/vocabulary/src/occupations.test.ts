import { legacyOccupationCodes, matchOccupation, occupationByCode, occupationMajorGroup, occupations } from './occupations';

/** The occupations domain-facts.json gives a 2022 code for, by name. */
const domainFacts: ReadonlyArray<readonly [string, string]> = [
  ['焊工', '6-18-02-04'],
  ['家政服务员', '4-10-01-06'],
  ['保育师', '4-10-01-03'],
  ['养老护理员', '4-10-01-05'],
  ['孤残儿童护理员', '4-10-01-04'],
  ['殡仪服务员', '4-10-06-01'],
  ['假肢装配工', '6-21-06-03'],
  ['中式烹调师', '4-03-02-01'],
  ['中式面点师', '4-03-02-02'],
  ['西式面点师', '4-03-02-04'],
  ['电子商务师', '4-01-06-01'],
  ['互联网营销师', '4-01-06-02'],
  ['电工', '6-31-01-03'],
  ['农业经理人', '5-05-01-02'],
  ['农机修理工', '5-05-05-02'],
  ['农业技术员', '5-05-01-01'],
  ['健康照护师', '4-14-01-03'],
  ['保安员', '4-07-05-01'],
  ['美容师', '4-10-03-01'],
  ['美发师', '4-10-03-02'],
  ['汽车维修工', '4-12-01-01'],
  ['计算机程序设计员', '4-04-05-01'],
  ['人工智能训练师', '4-04-05-05'],
  ['社会工作者', '2-07-11-01'],
  ['会计专业人员', '2-06-03-00'],
  ['婴幼儿发展引导员', '4-10-01-01'],
  ['西式烹调师', '4-03-02-03'],
  ['医疗护理员', '4-14-01-02'],
  ['老年人能力评估师', '4-14-02-05'],
  ['农机驾驶操作员', '5-05-05-01'],
  ['农业数字化技术员', '5-05-01-03'],
  ['农艺工', '5-01-02-01'],
  ['家畜饲养员', '5-03-02-01'],
  ['农业技术指导人员', '2-03-02-00'],
  ['心理咨询师', '2-07-11-03'],
  ['社会组织专业人员', '2-07-11-02'],
  ['矫形器装配工', '6-21-06-02'],
  ['餐厅服务员', '4-03-02-05'],
  ['茶艺师', '4-03-02-07'],
  ['美甲师', '4-10-03-03'],
  ['消防设施操作员', '4-07-05-03'],
  ['机修钳工', '6-31-01-02'],
];

describe('occupations', () => {
  it('holds 1632 distinct level-4 occupations: the extract repeats two rows and lacks 7 of the official 1639', () => {
    const list = occupations();
    expect(list).toHaveLength(1632);
    expect(new Set(list.map((o) => o.code)).size).toBe(1632);
    expect(list.every((o) => o.level === 4)).toBe(true);
  });

  it('keeps 2-03-01-00 as an occupation although it is also its own minor group', () => {
    expect(occupations().some((o) => o.code === '2-03-01-00')).toBe(true);
    expect(occupationByCode('2-03-01-00')?.level).toBe(4);
  });

  it('strips the 2022 edition marks S, L and L/S from names but keeps the marked spelling as an alias', () => {
    expect(occupationByCode('4-01-06-01')?.name).toBe('电子商务师');
    expect(occupationByCode('5-05-01-02')?.name).toBe('农业经理人');
    expect(occupationByCode('5-05-01-03')?.name).toBe('农业数字化技术员');
    expect(occupationByCode('4-01-06-01')?.aliases).toContain('电子商务师S');
    expect(occupations().filter((o) => /[A-Za-z]$/.test(o.name))).toEqual([]);
  });

  it('parses quoted alias lists into separate aliases', () => {
    expect(occupationByCode('4-10-01-03')?.aliases).toEqual(['保育员', '幼教', '育婴师', '托管老师', '保育师', '育婴师/保育员']);
  });
});

describe('occupationByCode', () => {
  it('finds an occupation by its code with or without dashes', () => {
    expect(occupationByCode('6-18-02-04')).toEqual({ code: '6-18-02-04', name: '焊工', level: 4, aliases: ['焊工', '氩弧焊工'] });
    expect(occupationByCode('6180204')?.code).toBe('6-18-02-04');
    expect(occupationByCode('６－１８－０２－０４')?.code).toBe('6-18-02-04');
  });

  it('finds groups by their codes, with their level', () => {
    expect(occupationByCode('6-00-00-00')).toMatchObject({ name: '生产制造及有关人员', level: 1 });
    expect(occupationByCode('4-10-00-00')).toMatchObject({ name: '居民服务人员', level: 2 });
    expect(occupationByCode('4-10-01-00')).toMatchObject({ name: '生活照料服务人员', level: 3 });
  });

  it.each(['4-10-01-02', '9-99-99-99', '6-18-02', '61802040', '6-18-0204', '焊工', ''])(
    'returns undefined for %j, not a catalogue code',
    (code) => {
      expect(occupationByCode(code)).toBeUndefined();
    },
  );
});

describe('matchOccupation', () => {
  it.each(domainFacts)('matches %s to %s', (name, code) => {
    expect(matchOccupation(name)?.code).toBe(code);
  });

  it('matches codes, dashed or not', () => {
    expect(matchOccupation('6-18-02-04')?.name).toBe('焊工');
    expect(matchOccupation('6180204')?.name).toBe('焊工');
  });

  it('matches aliases, trimmed and case-insensitive', () => {
    expect(matchOccupation('氩弧焊工')?.code).toBe('6-18-02-04');
    expect(matchOccupation(' 育婴师 ')?.code).toBe('4-10-01-03');
    expect(matchOccupation('月嫂')?.code).toBe('4-10-01-06');
    expect(matchOccupation('seo')?.code).toBe('4-01-06-01');
    expect(matchOccupation('电子商务师Ｓ')?.code).toBe('4-01-06-01');
  });

  it('maps the legacy 育婴员 to 保育师 4-10-01-03', () => {
    expect(legacyOccupationCodes['育婴员']).toBe('4-10-01-03');
    expect(matchOccupation('育婴员')).toMatchObject({ code: '4-10-01-03', name: '保育师' });
  });

  it.each([
    ['甘油制造工', 'the name of both 6-11-08-25 and 6-11-08-26'],
    ['iOS', 'an alias of 2-02-10-03 (IOS) and 4-04-05-01 (ios)'],
    ['编辑', 'the minor group 2-10-02-00 and an alias of 文字编辑 2-10-02-01'],
    ['信息通信网络运行管理人员', 'the name of minor groups 4-04-03-00 and 4-04-04-00'],
  ])('returns undefined for %s, %s', (text) => {
    expect(matchOccupation(text)).toBeUndefined();
  });

  it.each(['焊接工人师傅', '4-10-01-02', '', 'constructor', 'toString'])('returns undefined for unknown %j', (text) => {
    expect(matchOccupation(text)).toBeUndefined();
  });
});

describe('occupationMajorGroup', () => {
  it('is the first digit of the code', () => {
    expect(occupationMajorGroup('6-18-02-04')).toBe('6');
    expect(occupationMajorGroup('4100103')).toBe('4');
  });

  it('rejects text that is not an occupation code', () => {
    expect(() => occupationMajorGroup('焊工')).toThrow(RangeError);
    expect(() => occupationMajorGroup('9-01-00-00')).toThrow(RangeError);
  });
});
