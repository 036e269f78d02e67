import { certificateGradeOf } from '@hub/subgraph-kit';
import { occupationByCode } from '@hub/vocabulary';
import type { CertificateCheck as Check } from '../certificates/CertificateCheckService';

/** CertificateCheck: the level and occupation of a checked certificate spelled out. */
export const CertificateCheck = {
  grade: (c: Check) => certificateGradeOf(c.grade),
  occupation: (c: Check) => (c.occupationCode ? (occupationByCode(c.occupationCode) ?? null) : null),
};
