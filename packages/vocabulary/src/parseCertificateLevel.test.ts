import {
  certificateGradeLabels,
  certificateKinds,
  gradeFitsKind,
  gradeOfSkillLevel,
  kindInfo,
  ladderGrades,
  skillLevelOfGrade,
  skillLevels,
} from './enums';
import type { CertificateGrade, CertificateKind } from './enums';
import { parseCertificateLevel } from './parseCertificateLevel';

type Case = readonly [string | number, CertificateGrade, 'EXACT' | 'LOOSE'];

const skill: Case[] = [
  ['五级', 'SKILL_5', 'EXACT'],
  ['初级工', 'SKILL_5', 'EXACT'],
  ['五级/初级工', 'SKILL_5', 'EXACT'],
  [5, 'SKILL_5', 'EXACT'],
  ['四级（中级工）', 'SKILL_4', 'EXACT'],
  ['LEVEL_4', 'SKILL_4', 'EXACT'],
  ['SKILL_4', 'SKILL_4', 'EXACT'],
  ['国家职业资格三级', 'SKILL_3', 'EXACT'],
  ['高级工', 'SKILL_3', 'EXACT'],
  ['３', 'SKILL_3', 'EXACT'],
  ['技师', 'SKILL_2', 'EXACT'],
  ['二级/技师', 'SKILL_2', 'EXACT'],
  ['高级技师', 'SKILL_1', 'EXACT'],
  ['一级/高级技师', 'SKILL_1', 'EXACT'],
  // Old 国家职业资格 certificates wrote 初级/中级/高级 for 五/四/三级: read, by the looser rule.
  ['初级', 'SKILL_5', 'LOOSE'],
  ['中级', 'SKILL_4', 'LOOSE'],
  ['高级', 'SKILL_3', 'LOOSE'],
  ['国家职业资格四级（中级）', 'SKILL_4', 'LOOSE'],
];

const title: Case[] = [
  ['初级', 'TITLE_JUNIOR', 'EXACT'],
  ['中级', 'TITLE_INTERMEDIATE', 'EXACT'],
  ['副高级', 'TITLE_DEPUTY_SENIOR', 'EXACT'],
  ['正高级', 'TITLE_SENIOR', 'EXACT'],
  ['会计员', 'TITLE_JUNIOR', 'EXACT'],
  ['助理会计师', 'TITLE_JUNIOR', 'EXACT'],
  ['会计师', 'TITLE_INTERMEDIATE', 'EXACT'],
  ['高级会计师', 'TITLE_DEPUTY_SENIOR', 'EXACT'],
  ['正高级会计师', 'TITLE_SENIOR', 'EXACT'],
  ['高级工程师', 'TITLE_DEPUTY_SENIOR', 'EXACT'],
  ['TITLE_INTERMEDIATE', 'TITLE_INTERMEDIATE', 'EXACT'],
  ['会计师（中级）', 'TITLE_INTERMEDIATE', 'EXACT'],
  [' 中 级 ', 'TITLE_INTERMEDIATE', 'EXACT'],
  // 会计 初级/中级/高级: 高级 is 副高级.
  ['高级', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['会计高级', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['中级职称', 'TITLE_INTERMEDIATE', 'LOOSE'],
  ['会计专业技术资格（中级）', 'TITLE_INTERMEDIATE', 'EXACT'],
  ['中级会计师', 'TITLE_INTERMEDIATE', 'LOOSE'],
  ['初级会计师', 'TITLE_JUNIOR', 'LOOSE'],
  ['员级', 'TITLE_JUNIOR', 'LOOSE'],
  ['助理级', 'TITLE_JUNIOR', 'LOOSE'],
  ['副高', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['正高', 'TITLE_SENIOR', 'LOOSE'],
  ['主任医师', 'TITLE_SENIOR', 'LOOSE'],
  ['副主任医师', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['主治医师', 'TITLE_INTERMEDIATE', 'LOOSE'],
  ['医师', 'TITLE_JUNIOR', 'LOOSE'],
  ['副教授', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['讲师', 'TITLE_INTERMEDIATE', 'LOOSE'],
  ['一级教师', 'TITLE_INTERMEDIATE', 'LOOSE'],
  ['二级教师', 'TITLE_JUNIOR', 'LOOSE'],
  ['高级教师', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['正高级教师', 'TITLE_SENIOR', 'LOOSE'],
  ['助理农艺师', 'TITLE_JUNIOR', 'LOOSE'],
  ['农艺师', 'TITLE_INTERMEDIATE', 'LOOSE'],
  ['高级农艺师', 'TITLE_DEPUTY_SENIOR', 'LOOSE'],
  ['正高级农艺师', 'TITLE_SENIOR', 'LOOSE'],
];

const socialWork: Case[] = [
  ['助理社会工作师', 'SOCIAL_WORKER_ASSISTANT', 'EXACT'],
  ['社会工作师', 'SOCIAL_WORKER_INTERMEDIATE', 'EXACT'],
  ['高级社会工作师', 'SOCIAL_WORKER_SENIOR', 'EXACT'],
  ['SOCIAL_WORKER_SENIOR', 'SOCIAL_WORKER_SENIOR', 'EXACT'],
  ['助理社工师', 'SOCIAL_WORKER_ASSISTANT', 'LOOSE'],
  ['社工师', 'SOCIAL_WORKER_INTERMEDIATE', 'LOOSE'],
  ['高级社工师', 'SOCIAL_WORKER_SENIOR', 'LOOSE'],
  ['初级', 'SOCIAL_WORKER_ASSISTANT', 'LOOSE'],
  ['中级', 'SOCIAL_WORKER_INTERMEDIATE', 'LOOSE'],
  ['高级', 'SOCIAL_WORKER_SENIOR', 'LOOSE'],
  ['社会工作者职业水平（中级）', 'SOCIAL_WORKER_INTERMEDIATE', 'LOOSE'],
  ['初级社工', 'SOCIAL_WORKER_ASSISTANT', 'LOOSE'],
];

describe('parseCertificateLevel', () => {
  describe.each([
    ['SKILL_LEVEL', skill],
    ['VOCATIONAL_QUALIFICATION', skill],
    ['PROFESSIONAL_TITLE', title],
    ['SOCIAL_WORKER', socialWork],
  ] as const)('on the ladder of %s', (kind, cases) => {
    it.each(cases)('reads %j as %s (%s)', (text, grade, rule) => {
      expect(parseCertificateLevel(kind, text)).toEqual({ grade, rule, written: String(text).trim(), warning: null });
    });

    it('reads back every label of its own ladder exactly', () => {
      const ladder = kindInfo[kind].ladder!;
      for (const grade of ladderGrades[ladder])
        expect(parseCertificateLevel(kind, certificateGradeLabels[grade])).toMatchObject({ grade, rule: 'EXACT' });
    });
  });

  it.each<[CertificateKind, string]>([
    ['SKILL_LEVEL', '三级/技师'],
    ['SKILL_LEVEL', '5级/4级'],
    ['SKILL_LEVEL', '高级/高级技师'],
    ['PROFESSIONAL_TITLE', '初级/中级'],
    ['PROFESSIONAL_TITLE', '中级（高级会计师）'],
    ['PROFESSIONAL_TITLE', '会计师、高级会计师'],
    ['SOCIAL_WORKER', '社会工作师/高级社会工作师'],
    ['SOCIAL_WORKER', '初级、中级'],
  ])('keeps %s level %j, which names two levels, as UNKNOWN and says so', (kind, text) => {
    const reading = parseCertificateLevel(kind, text);
    expect(reading).toMatchObject({ grade: 'UNKNOWN', rule: null, written: text });
    expect(reading.warning).toContain('不止一个等级');
  });

  it.each<[CertificateKind, string | number]>([
    // Another ladder's level is not this kind's level.
    ['SKILL_LEVEL', '副高级'],
    ['SKILL_LEVEL', '社会工作师'],
    ['SKILL_LEVEL', '高级会计师'],
    ['SKILL_LEVEL', 'TITLE_JUNIOR'],
    ['PROFESSIONAL_TITLE', '高级技师'],
    ['PROFESSIONAL_TITLE', '技师'],
    ['PROFESSIONAL_TITLE', '三级'],
    ['PROFESSIONAL_TITLE', '社会工作师'],
    ['PROFESSIONAL_TITLE', 3],
    ['SOCIAL_WORKER', '高级技师'],
    ['SOCIAL_WORKER', '副高级'],
    ['SOCIAL_WORKER', '会计师'],
    ['SOCIAL_WORKER', 2],
    // Nothing of a level at all.
    ['SKILL_LEVEL', '六级'],
    ['SKILL_LEVEL', '特级技师'],
    ['SKILL_LEVEL', '等级'],
    ['SKILL_LEVEL', 0],
    ['SKILL_LEVEL', 6],
    ['SKILL_LEVEL', 'UNKNOWN'],
    ['PROFESSIONAL_TITLE', '会计专业技术资格'],
    ['PROFESSIONAL_TITLE', '待定'],
    ['PROFESSIONAL_TITLE', '//'],
    ['PROFESSIONAL_TITLE', '等级不明'],
    ['SOCIAL_WORKER', '社会工作者'],
    ['SOCIAL_WORKER', '特级'],
  ])('keeps %s level %j, which is not on its ladder, as UNKNOWN with the text and a warning', (kind, text) => {
    const reading = parseCertificateLevel(kind, text);
    expect(reading).toMatchObject({ grade: 'UNKNOWN', rule: null, written: String(text) });
    expect(reading.warning).toContain(kindInfo[kind].label);
  });

  it.each<CertificateKind>(['SKILL_LEVEL', 'PROFESSIONAL_TITLE', 'SOCIAL_WORKER'])(
    'keeps a %s without a written level as UNKNOWN with a warning',
    (kind) => {
      for (const empty of [null, undefined, '', '   ']) {
        const reading = parseCertificateLevel(kind, empty);
        expect(reading).toMatchObject({ grade: 'UNKNOWN', rule: null, written: null });
        expect(reading.warning).toContain('未填写等级');
      }
    },
  );

  const unladdered = certificateKinds.filter((kind) => kindInfo[kind].ladder === null);

  it('has no ladder for 特种作业, 特种设备, 专项职业能力, 农村实用人才 and 企业经营管理', () => {
    expect(unladdered).toEqual(['SPECIAL_OPERATION', 'SPECIAL_EQUIPMENT', 'SPECIAL_ABILITY', 'RURAL_PRACTICAL', 'MANAGEMENT']);
  });

  it.each(unladdered)('ignores a level written for %s, with a warning, and reads nothing when none is written', (kind) => {
    const reading = parseCertificateLevel(kind, '三级');
    expect(reading).toMatchObject({ grade: null, rule: null, written: '三级' });
    expect(reading.warning).toContain('不分等级');
    expect(parseCertificateLevel(kind, '')).toEqual({ grade: null, rule: null, written: null, warning: null });
  });
});

describe('grades', () => {
  it('map the skill levels to the skill ladder and back, and nothing else to a skill level', () => {
    expect(skillLevels.map(gradeOfSkillLevel)).toEqual(['SKILL_1', 'SKILL_2', 'SKILL_3', 'SKILL_4', 'SKILL_5']);
    expect(skillLevels.map((level) => skillLevelOfGrade(gradeOfSkillLevel(level)))).toEqual([...skillLevels]);
    expect(
      ['TITLE_SENIOR', 'SOCIAL_WORKER_ASSISTANT', 'UNKNOWN', null].map((g) => skillLevelOfGrade(g as CertificateGrade | null)),
    ).toEqual([null, null, null, null]);
  });

  it('fit a kind only when on its ladder or UNKNOWN; a kind without a ladder takes only null', () => {
    expect(gradeFitsKind('PROFESSIONAL_TITLE', 'TITLE_INTERMEDIATE')).toBe(true);
    expect(gradeFitsKind('PROFESSIONAL_TITLE', 'UNKNOWN')).toBe(true);
    expect(gradeFitsKind('PROFESSIONAL_TITLE', 'SKILL_3')).toBe(false);
    expect(gradeFitsKind('PROFESSIONAL_TITLE', null)).toBe(false);
    expect(gradeFitsKind('SOCIAL_WORKER', 'SOCIAL_WORKER_SENIOR')).toBe(true);
    expect(gradeFitsKind('SKILL_LEVEL', 'SOCIAL_WORKER_SENIOR')).toBe(false);
    expect(gradeFitsKind('SPECIAL_OPERATION', null)).toBe(true);
    expect(gradeFitsKind('SPECIAL_OPERATION', 'UNKNOWN')).toBe(false);
  });
});
