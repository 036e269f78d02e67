import { certificateGradeLabels } from '@hub/vocabulary';
import type { CertificateGrade } from '@hub/vocabulary';
import type { CertificateGrade as SchemaCertificateGrade } from './generated/sharedTypes';

/** The CertificateGrade of the schema (generated from the kit's SDL): code, Chinese label and the level as written. */
export type CertificateGradeView = SchemaCertificateGrade;

/** A stored grade as the schema's CertificateGrade; null for a kind without levels. */
export function certificateGradeOf(grade: CertificateGrade | null, written: string | null = null): CertificateGradeView | null {
  return grade === null ? null : { code: grade, label: certificateGradeLabels[grade], written };
}
