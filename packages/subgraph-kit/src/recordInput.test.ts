import { InputError } from './errors';
import { CertificateInput, prepareCertificate } from './recordInput';

const base: CertificateInput = {
  idNumber: '',
  name: '',
  kind: 'SKILL_LEVEL',
  level: 'LEVEL_3',
  certificateNumber: 'r-1',
  issuingBody: '机构',
  issuedOn: '2023-01-01',
};
const reasonOf = (input: Partial<CertificateInput>) => {
  try {
    prepareCertificate('p1', { ...base, ...input });
  } catch (error) {
    if (error instanceof InputError) return [error.code, error.field];
    throw error;
  }
  return undefined;
};

describe('prepareCertificate: the level within the kind', () => {
  it('stores a skill level on the skill ladder, from level or grade', () => {
    expect(prepareCertificate('p1', base)).toMatchObject({ level: 'LEVEL_3', grade: 'SKILL_3', gradeWritten: null });
    expect(prepareCertificate('p1', { ...base, level: null, grade: 'SKILL_2', gradeWritten: '二级/技师' })).toMatchObject({
      level: 'LEVEL_2',
      grade: 'SKILL_2',
      gradeWritten: '二级/技师',
    });
    expect(prepareCertificate('p1', { ...base, level: null, grade: 'UNKNOWN', gradeWritten: '特级' })).toMatchObject({
      level: null,
      grade: 'UNKNOWN',
      gradeWritten: '特级',
    });
  });

  it('stores a title or social-work level, and UNKNOWN when none is given', () => {
    expect(prepareCertificate('p1', { ...base, kind: 'PROFESSIONAL_TITLE', level: null, grade: 'TITLE_DEPUTY_SENIOR' })).toMatchObject({
      level: null,
      grade: 'TITLE_DEPUTY_SENIOR',
      talentCategory: 'PROFESSIONAL_TECHNICAL',
    });
    expect(prepareCertificate('p1', { ...base, kind: 'SOCIAL_WORKER', level: null })).toMatchObject({
      level: null,
      grade: 'UNKNOWN',
      talentCategory: 'SOCIAL_WORK',
    });
    expect(prepareCertificate('p1', { ...base, kind: 'SPECIAL_OPERATION', level: null, gradeWritten: '三级' })).toMatchObject({
      level: null,
      grade: null,
      gradeWritten: null,
    });
  });

  it('refuses a level of another ladder, a skill level that contradicts the grade, and a level for a kind without levels', () => {
    expect(reasonOf({ kind: 'PROFESSIONAL_TITLE', level: null, grade: 'SOCIAL_WORKER_SENIOR' })).toEqual(['GRADE_NOT_ON_LADDER', 'grade']);
    expect(reasonOf({ kind: 'PROFESSIONAL_TITLE', level: 'LEVEL_3' })).toEqual(['LEVEL_NOT_APPLICABLE', 'level']);
    expect(reasonOf({ grade: 'TITLE_JUNIOR' })).toEqual(['GRADE_NOT_ON_LADDER', 'grade']);
    expect(reasonOf({ grade: 'SKILL_4' })).toEqual(['GRADE_CONFLICT', 'grade']);
    expect(reasonOf({ level: null })).toEqual(['LEVEL_REQUIRED', 'level']);
    expect(reasonOf({ kind: 'RURAL_PRACTICAL', level: null, grade: 'UNKNOWN' })).toEqual(['LEVEL_NOT_APPLICABLE', 'grade']);
  });

  it('keeps at most 64 characters of the written level', () => {
    expect(prepareCertificate('p1', { ...base, gradeWritten: '级'.repeat(100) }).gradeWritten).toHaveLength(64);
  });
});
