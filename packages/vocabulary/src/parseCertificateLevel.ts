import { certificateGradeLabels, gradeOfSkillLevel, kindInfo, ladderGrades } from './enums';
import type { CertificateGrade, CertificateKind, LevelLadder } from './enums';
import { readSkillLevel } from './levels';
import { normalizeText } from './normalizeText';

/** How a level was read: EXACT a spelling of the ladder itself, LOOSE a looser rule (高级 for 副高级, 员级 for 初级, 中级 for 社会工作师 …). */
export type LevelReadingRule = 'EXACT' | 'LOOSE';

export interface CertificateLevelReading {
  /** The level within the kind's ladder; UNKNOWN when the kind has a ladder but the text is not on it (or empty); null when the kind has no ladder. */
  grade: CertificateGrade | null;
  /** How the grade was read; null when nothing was read (UNKNOWN, or a kind without a ladder). */
  rule: LevelReadingRule | null;
  /** The text as written, trimmed; null when the cell was empty. Kept beside UNKNOWN so a clerk can correct it. */
  written: string | null;
  /** 中文 warning for the intake report and the mutation answer: unknown, missing or ignored level; null when read. */
  warning: string | null;
}

interface PartReading {
  grade: CertificateGrade;
  rule: LevelReadingRule;
}

/** A part of the text read: its grade, FILLER when it only names the certificate (会计专业技术资格), undefined when it is not on the ladder. */
type Reader = (part: string) => PartReading | 'FILLER' | undefined;

const strip = (part: string, fillers: readonly string[]) => fillers.reduce((rest, filler) => rest.split(filler).join(''), part);

const separators = /[/()[\]【】、,;:|\-—~～]+/;

/** Words around a title level that say nothing about which level it is (会计中级, 中级职称, 专业技术资格（初级）). */
const titleFillers = ['专业技术资格', '专业技术职务', '专业技术', '职称', '资格', '证书', '等级', '级别', '会计', '职务', '任职'];

/** Exact spellings of title levels, with the accounting, engineering, economics, statistics and audit series by name. */
const titleExact: Record<string, CertificateGrade> = {
  初级: 'TITLE_JUNIOR',
  中级: 'TITLE_INTERMEDIATE',
  副高级: 'TITLE_DEPUTY_SENIOR',
  正高级: 'TITLE_SENIOR',
  会计员: 'TITLE_JUNIOR',
  助理会计师: 'TITLE_JUNIOR',
  会计师: 'TITLE_INTERMEDIATE',
  高级会计师: 'TITLE_DEPUTY_SENIOR',
  正高级会计师: 'TITLE_SENIOR',
  技术员: 'TITLE_JUNIOR',
  助理工程师: 'TITLE_JUNIOR',
  工程师: 'TITLE_INTERMEDIATE',
  高级工程师: 'TITLE_DEPUTY_SENIOR',
  正高级工程师: 'TITLE_SENIOR',
  经济员: 'TITLE_JUNIOR',
  助理经济师: 'TITLE_JUNIOR',
  经济师: 'TITLE_INTERMEDIATE',
  高级经济师: 'TITLE_DEPUTY_SENIOR',
  正高级经济师: 'TITLE_SENIOR',
  统计员: 'TITLE_JUNIOR',
  助理统计师: 'TITLE_JUNIOR',
  统计师: 'TITLE_INTERMEDIATE',
  高级统计师: 'TITLE_DEPUTY_SENIOR',
  正高级统计师: 'TITLE_SENIOR',
  审计员: 'TITLE_JUNIOR',
  助理审计师: 'TITLE_JUNIOR',
  审计师: 'TITLE_INTERMEDIATE',
  高级审计师: 'TITLE_DEPUTY_SENIOR',
  正高级审计师: 'TITLE_SENIOR',
};

/** Level words of titles after the fillers are gone; 高级 alone is 副高级 (会计 初级/中级/高级: 高级会计师 is 副高级). */
const titleWords: Record<string, CertificateGrade> = {
  初级: 'TITLE_JUNIOR',
  员级: 'TITLE_JUNIOR',
  助理级: 'TITLE_JUNIOR',
  助理: 'TITLE_JUNIOR',
  中级: 'TITLE_INTERMEDIATE',
  高级: 'TITLE_DEPUTY_SENIOR',
  副高: 'TITLE_DEPUTY_SENIOR',
  副高级: 'TITLE_DEPUTY_SENIOR',
  正高: 'TITLE_SENIOR',
  正高级: 'TITLE_SENIOR',
};

/** Title names of the health, teaching and research series, whose shape says nothing or the wrong thing. */
const seriesTitles: ReadonlyArray<readonly [RegExp, CertificateGrade]> = [
  [/^副(主任.{1,3}师|教授|研究员)$/, 'TITLE_DEPUTY_SENIOR'],
  [/^(主任.{1,3}师|教授|研究员)$/, 'TITLE_SENIOR'],
  [/^(主治.{1,2}师|主管.{1,2}师|讲师|助理研究员|一级教师)$/, 'TITLE_INTERMEDIATE'],
  [/^((医|药|护)[师士]|助教|研究实习员|[二三]级教师)$/, 'TITLE_JUNIOR'],
];

const readTitle: Reader = (part) => {
  const exact = titleExact[part];
  if (exact) return { grade: exact, rule: 'EXACT' };
  // 高级技师, 技师, 社会工作师 belong to other ladders, however title-like they look.
  if (/技师|社会工作|社工/.test(part)) return undefined;
  // Series that name their levels differently: health (医师 … 主任医师), teaching (二级教师 … 高级教师, 讲师, 教授), research.
  const named = seriesTitles.find(([pattern]) => pattern.test(part));
  if (named) return { grade: named[1], rule: 'LOOSE' };
  // Other series by the shape of their names: 助理X师 初级, 正高级X师, 高级X师 副高级, X师 中级.
  if (/^助理.{1,4}师$/.test(part)) return { grade: 'TITLE_JUNIOR', rule: 'LOOSE' };
  if (/^正高级.{1,4}师$/.test(part)) return { grade: 'TITLE_SENIOR', rule: 'LOOSE' };
  if (/^高级.{1,4}师$/.test(part)) return { grade: 'TITLE_DEPUTY_SENIOR', rule: 'LOOSE' };
  const bare = strip(part, titleFillers);
  if (bare === '') return 'FILLER';
  // 中级会计师, 初级会计师: the level word in front of the series name.
  const word = titleWords[bare] ?? titleWords[bare.replace(/师$/, '')];
  if (word) return { grade: word, rule: 'LOOSE' };
  if (/^[^级]{1,4}师$/.test(part)) return { grade: 'TITLE_INTERMEDIATE', rule: 'LOOSE' };
  return undefined;
};

const socialExact: Record<string, CertificateGrade> = {
  助理社会工作师: 'SOCIAL_WORKER_ASSISTANT',
  社会工作师: 'SOCIAL_WORKER_INTERMEDIATE',
  高级社会工作师: 'SOCIAL_WORKER_SENIOR',
};

/** Words around a social-work level (社会工作者职业水平（中级）, 初级社工). */
const socialFillers = ['社会工作者', '职业水平', '职业资格', '水平评价', '社会工作', '证书', '等级', '级别', '社工', '水平', '资格'];

/** The 社会工作者职业水平 levels 初级/中级/高级 are 助理社会工作师/社会工作师/高级社会工作师. */
const socialWords: Record<string, CertificateGrade> = {
  初级: 'SOCIAL_WORKER_ASSISTANT',
  助理: 'SOCIAL_WORKER_ASSISTANT',
  中级: 'SOCIAL_WORKER_INTERMEDIATE',
  高级: 'SOCIAL_WORKER_SENIOR',
};

const readSocialWork: Reader = (part) => {
  const exact = socialExact[part];
  if (exact) return { grade: exact, rule: 'EXACT' };
  const short = socialExact[part.replace('社工师', '社会工作师')];
  if (short) return { grade: short, rule: 'LOOSE' };
  const bare = strip(part, socialFillers);
  if (bare === '') return 'FILLER';
  const word = socialWords[bare];
  return word ? { grade: word, rule: 'LOOSE' } : undefined;
};

/** The skill ladder keeps the reading of parseSkillLevel; the bare legacy 初级/中级/高级 are the loose part of it. */
const readSkill: Reader = (part) => {
  const exact = readSkillLevel(part, false);
  if (exact) return { grade: gradeOfSkillLevel(exact), rule: 'EXACT' };
  const legacy = readSkillLevel(part, true);
  return legacy ? { grade: gradeOfSkillLevel(legacy), rule: 'LOOSE' } : undefined;
};

const readers: Record<LevelLadder, Reader> = { SKILL: readSkill, TITLE: readTitle, SOCIAL_WORK: readSocialWork };

const ladderText = (ladder: LevelLadder) => ladderGrades[ladder].map((grade) => certificateGradeLabels[grade]).join('、');

/**
 * The level of a certificate within its kind's own ladder: 三级/高级工 for a 职业技能等级证书, 中级 or 高级会计师 for a
 * 专业技术资格证书, 社会工作师 for a 社会工作者证. Never refuses: text off the ladder, naming two levels, or missing is
 * UNKNOWN with the text kept and a warning; a level written for a kind without levels is ignored with a warning.
 */
export function parseCertificateLevel(kind: CertificateKind, text: string | number | null | undefined): CertificateLevelReading {
  const info = kindInfo[kind];
  const written = text === null || text === undefined ? null : String(text).trim() || null;
  if (info.ladder === null) {
    return { grade: null, rule: null, written, warning: written === null ? null : `${info.label}不分等级，已忽略所填等级“${written}”` };
  }
  const ladder = info.ladder;
  const unknown = (warning: string): CertificateLevelReading => ({ grade: 'UNKNOWN', rule: null, written, warning });
  if (written === null) return unknown(`${info.label}未填写等级，按“等级不明”记录（可选：${ladderText(ladder)}）`);
  const offLadder = `等级“${written}”不在${info.label}的等级（${ladderText(ladder)}）之中，按“等级不明”记录`;
  if (typeof text === 'number') {
    const read = ladder === 'SKILL' ? readSkill(String(text)) : undefined;
    return read && read !== 'FILLER' ? { ...read, written, warning: null } : unknown(offLadder);
  }
  const s = normalizeText(written).toUpperCase();
  // The grade's own code or label, as the hub itself writes them (exports, the API).
  const own = ladderGrades[ladder].find((grade) => grade === s || normalizeText(certificateGradeLabels[grade]) === s);
  if (own) return { grade: own, rule: 'EXACT', written, warning: null };
  if (s === 'UNKNOWN' || s === certificateGradeLabels.UNKNOWN) return unknown(offLadder);

  // The skill reader already splits and skips its own fillers (四级（中级工）, 国家职业资格三级).
  const whole = ladder === 'SKILL' ? readSkill(s) : undefined;
  if (whole && whole !== 'FILLER') return { ...whole, written, warning: null };

  const read: PartReading[] = [];
  for (const part of s.split(separators)) {
    if (part === '') continue;
    const r = readers[ladder](part);
    if (r === undefined) return unknown(offLadder);
    if (r !== 'FILLER') read.push(r);
  }
  const grades = new Set(read.map((r) => r.grade));
  if (grades.size === 0) return unknown(offLadder);
  if (grades.size > 1) return unknown(`等级“${written}”写了不止一个等级，按“等级不明”记录`);
  const rule: LevelReadingRule = read.every((r) => r.rule === 'EXACT') ? 'EXACT' : 'LOOSE';
  return { grade: read[0].grade, rule, written, warning: null };
}
