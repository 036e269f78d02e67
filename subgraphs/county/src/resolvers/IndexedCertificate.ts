import { demand, may } from '@hub/auth';
import { certificateGradeOf } from '@hub/subgraph-kit';
import type { CountyContext } from '../CountyContext';
import { levelFromNumber, occupationByCode } from '@hub/vocabulary';
import type { HoldingRow } from '../repositories/HoldingRepository';

/** IndexedCertificate: a holder-index row with its level and occupation spelled out. */
export const IndexedCertificate = {
  /**
   * A certificate another service names by its department and id (a voucher's, a contestant's): read from the
   * index through a per-request loader. Person-level: analysts and dashboards may not follow it.
   */
  __resolveReference: async (ref: { department: string; certificateId: string }, ctx: CountyContext) => {
    demand(may.readPersonRecords(ctx.principal), ctx.principal, '查看持证索引中的证书');
    return ctx.loaders.holdingByRef.load(`${ref.department}/${ref.certificateId}`);
  },
  level: (h: HoldingRow) => (h.levelNumber === null ? null : (levelFromNumber(h.levelNumber) ?? null)),
  occupation: (h: HoldingRow) => (h.occupationCode ? (occupationByCode(h.occupationCode) ?? null) : null),
  grade: (h: HoldingRow) => certificateGradeOf(h.grade),
};
