import { certificateGradeLabels } from '@hub/vocabulary';
import type { CertificateGrade } from '@hub/vocabulary';

/** The CertificateGrade of the schema: code, Chinese label and the level as written. */
export interface CertificateGradeView {
  code: CertificateGrade;
  label: string;
  written: string | null;
}

/** A stored grade as the schema's CertificateGrade; null for a kind without levels. */
export function certificateGradeOf(grade: CertificateGrade | null, written: string | null = null): CertificateGradeView | null {
  return grade === null ? null : { code: grade, label: certificateGradeLabels[grade], written };
}
