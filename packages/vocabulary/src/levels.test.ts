import { levelFromNumber, levelNumber, skillLevelLabels, skillLevels } from './enums';
import type { SkillLevel } from './enums';
import { parseSkillLevel } from './levels';

const spellings: ReadonlyArray<readonly [string | number, SkillLevel]> = [
  ['五级', 'LEVEL_5'],
  [5, 'LEVEL_5'],
  ['5', 'LEVEL_5'],
  ['５', 'LEVEL_5'],
  ['5级', 'LEVEL_5'],
  ['初级工', 'LEVEL_5'],
  ['初级', 'LEVEL_5'],
  ['五级/初级工', 'LEVEL_5'],
  ['国家职业资格五级', 'LEVEL_5'],
  ['LEVEL_5', 'LEVEL_5'],
  ['四级', 'LEVEL_4'],
  [4, 'LEVEL_4'],
  ['4', 'LEVEL_4'],
  ['中级工', 'LEVEL_4'],
  ['中级', 'LEVEL_4'],
  ['四级/中级工', 'LEVEL_4'],
  ['四级（中级工）', 'LEVEL_4'],
  ['四级(中级工)', 'LEVEL_4'],
  ['四级 中级工', 'LEVEL_4'],
  ['国家职业资格四级（中级）', 'LEVEL_4'],
  ['ＬＥＶＥＬ＿４', 'LEVEL_4'],
  ['三级', 'LEVEL_3'],
  [3, 'LEVEL_3'],
  ['3', 'LEVEL_3'],
  ['高级工', 'LEVEL_3'],
  ['高级', 'LEVEL_3'],
  ['三级/高级工', 'LEVEL_3'],
  ['国家职业资格三级', 'LEVEL_3'],
  ['职业技能等级三级', 'LEVEL_3'],
  ['LEVEL_3', 'LEVEL_3'],
  ['level3', 'LEVEL_3'],
  ['３', 'LEVEL_3'],
  ['二级', 'LEVEL_2'],
  [2, 'LEVEL_2'],
  ['2', 'LEVEL_2'],
  ['技师', 'LEVEL_2'],
  ['二级/技师', 'LEVEL_2'],
  ['国家职业资格二级', 'LEVEL_2'],
  ['LEVEL_2', 'LEVEL_2'],
  ['一级', 'LEVEL_1'],
  [1, 'LEVEL_1'],
  ['1', 'LEVEL_1'],
  ['高级技师', 'LEVEL_1'],
  ['一级/高级技师', 'LEVEL_1'],
  ['国家职业资格一级(高级技师)', 'LEVEL_1'],
  ['LEVEL_1', 'LEVEL_1'],
];

describe('parseSkillLevel', () => {
  it.each(spellings)('reads %j as %s', (text, level) => {
    expect(parseSkillLevel(text)).toBe(level);
  });

  it.each(skillLevels)('reads the label of %s back', (level) => {
    expect(parseSkillLevel(skillLevelLabels[level])).toBe(level);
  });

  it.each(['三级/技师', '四级/高级工', '5级/4级', '35', '高级/高级技师'])('returns undefined for %j, which names two levels', (text) => {
    expect(parseSkillLevel(text)).toBeUndefined();
  });

  it.each<string | number>([
    '特级技师',
    '首席技师',
    '学徒工',
    '六级',
    '0',
    '10',
    'LEVEL_6',
    '高级职称',
    '等级',
    '',
    '   ',
    0,
    6,
    3.5,
    Number.NaN,
  ])('returns undefined for %j, which is no level 1..5', (text) => {
    expect(parseSkillLevel(text)).toBeUndefined();
  });
});

describe('levelNumber and levelFromNumber', () => {
  it('number LEVEL_1 as 1 (highest) through LEVEL_5 as 5 and back', () => {
    expect(skillLevels.map(levelNumber)).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3, 4, 5].map(levelFromNumber)).toEqual(['LEVEL_1', 'LEVEL_2', 'LEVEL_3', 'LEVEL_4', 'LEVEL_5']);
  });

  it('has no level outside 1..5 or for fractions', () => {
    expect(levelFromNumber(0)).toBeUndefined();
    expect(levelFromNumber(6)).toBeUndefined();
    expect(levelFromNumber(2.5)).toBeUndefined();
  });
});
