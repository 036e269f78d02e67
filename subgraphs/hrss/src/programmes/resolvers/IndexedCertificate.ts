import { certificateGradeOf } from '@hub/subgraph-kit';
import { levelFromNumber, occupationByCode } from '@hub/vocabulary';
import type { HoldingRow } from '../repositories/HoldingLookup';

/** IndexedCertificate: a holder-index row with its level and occupation spelled out. */
export const IndexedCertificate = {
  level: (h: HoldingRow) => (h.levelNumber === null ? null : (levelFromNumber(h.levelNumber) ?? null)),
  occupation: (h: HoldingRow) => (h.occupationCode ? (occupationByCode(h.occupationCode) ?? null) : null),
  grade: (h: HoldingRow) => certificateGradeOf(h.grade),
};
