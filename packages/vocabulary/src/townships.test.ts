import { matchTownship, townshipByCode, townships } from './townships';

/** Code and name as NBS publishes them (domain-facts.json townships[].nameAsPublishedByNBS). */
const published: ReadonlyArray<readonly [string, string, string]> = [
  ['410928100', '城关镇', '城关镇'],
  ['410928101', '濮阳县柳屯镇', '柳屯镇'],
  ['410928102', '濮阳县文留镇', '文留镇'],
  ['410928103', '濮阳县庆祖镇', '庆祖镇'],
  ['410928104', '濮阳县八公桥镇', '八公桥镇'],
  ['410928106', '濮阳县徐镇镇', '徐镇镇'],
  ['410928107', '濮阳县户部寨镇', '户部寨镇'],
  ['410928108', '濮阳县鲁河镇', '鲁河镇'],
  ['410928109', '濮阳县子岸镇', '子岸镇'],
  ['410928110', '濮阳县胡状镇', '胡状镇'],
  ['410928111', '濮阳县王称堌镇', '王称堌镇'],
  ['410928112', '濮阳县梁庄镇', '梁庄镇'],
  ['410928202', '濮阳县清河头乡', '清河头乡'],
  ['410928206', '濮阳县白堽乡', '白堽乡'],
  ['410928207', '濮阳县梨园乡', '梨园乡'],
  ['410928208', '濮阳县五星乡', '五星乡'],
  ['410928211', '濮阳县郎中乡', '郎中乡'],
  ['410928212', '濮阳县海通乡', '海通乡'],
  ['410928213', '濮阳县渠村乡', '渠村乡'],
  ['410928214', '濮阳县习城乡', '习城乡'],
];

describe('townships', () => {
  it('lists the 20 NBS units of 濮阳县 in code order, 12 镇 and 8 乡', () => {
    const list = townships();
    expect(list.map((t) => [t.code, t.name])).toEqual(published.map(([code, , name]) => [code, name]));
    expect(list.filter((t) => t.type === '镇')).toHaveLength(12);
    expect(list.filter((t) => t.type === '乡')).toHaveLength(8);
    expect(list.every((t) => t.name.endsWith(t.type))).toBe(true);
  });

  it('returns a fresh list each call, so callers cannot reorder the catalogue', () => {
    const first = townships();
    first.reverse();
    expect(townships()[0].code).toBe('410928100');
  });

  it('finds a township by its exact 9-digit code only', () => {
    expect(townshipByCode('410928101')?.name).toBe('柳屯镇');
    expect(townshipByCode('410928105')).toBeUndefined();
    expect(townshipByCode('410928204')).toBeUndefined();
    expect(townshipByCode('410928101000')).toBeUndefined();
  });
});

describe('matchTownship', () => {
  it.each(published)('matches %s published as %s', (code, nbsName, name) => {
    expect(matchTownship(nbsName)?.code).toBe(code);
    expect(matchTownship(name)?.code).toBe(code);
  });

  it.each(published)('matches %s written without its 镇/乡 suffix', (code, _published, name) => {
    expect(matchTownship(name.slice(0, -1))?.code).toBe(code);
  });

  it.each(published)('matches the 9- and 12-digit code %s', (code) => {
    expect(matchTownship(code)?.code).toBe(code);
    expect(matchTownship(`${code}000`)?.code).toBe(code);
  });

  it.each([
    ['河南省濮阳市濮阳县柳屯镇', '410928101'],
    ['濮阳市濮阳县文留镇', '410928102'],
    ['河南省濮阳县庆祖', '410928103'],
    ['濮阳县 八公桥镇 ', '410928104'],
    ['　鲁河镇　', '410928108'],
    ['４１０９２８１０９', '410928109'],
    ['徐镇', '410928106'],
  ])('tolerates prefixes, spaces and full width in %s', (text, code) => {
    expect(matchTownship(text)?.code).toBe(code);
  });

  it.each([
    ['王称固镇', '410928111'],
    ['王称固', '410928111'],
    ['濮阳县王称固镇', '410928111'],
    ['白罡乡', '410928206'],
    ['白罡', '410928206'],
    ['濮阳县白罡乡', '410928206'],
  ])('accepts the pre-2022 NBS spelling %s', (text, code) => {
    expect(matchTownship(text)?.code).toBe(code);
  });

  it.each(['梁庄乡', '濮阳县梁庄乡', '410928204', '410928204000'])('maps the former 梁庄乡 (%s) to 梁庄镇 410928112', (text) => {
    expect(matchTownship(text)).toEqual({ code: '410928112', name: '梁庄镇', type: '镇' });
  });

  it.each([
    '新习镇',
    '王助镇',
    '胡村乡',
    '濮阳市华龙区岳村镇',
    '孟轲乡',
    '410928105',
    '410972101',
    '410928101201',
    '41092810',
    '濮阳县',
    '河南省濮阳市',
    '柳屯乡',
    '文留街道',
    '城关镇人民政府',
    '',
    '   ',
    'constructor',
  ])('returns undefined for %j, which is not a township of 濮阳县', (text) => {
    expect(matchTownship(text)).toBeUndefined();
  });
});
