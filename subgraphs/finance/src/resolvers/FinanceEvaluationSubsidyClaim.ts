import { occupationByCode } from '@hub/vocabulary';
import type { EvaluationClaimRow } from '../repositories/ClaimRepository';

export const FinanceEvaluationSubsidyClaim = {
  id: (c: EvaluationClaimRow) => String(c.id),
  person: (c: EvaluationClaimRow) => ({ id: c.personId }),
  occupation: (c: EvaluationClaimRow) => occupationByCode(c.occupationCode) ?? { code: c.occupationCode, name: c.occupationCode },
  level: (c: EvaluationClaimRow) => (c.level === 'SPECIAL_ABILITY' ? null : c.level),
  certificate: (c: EvaluationClaimRow) => ({ department: c.certificateDepartment, certificateId: c.certificateId }),
};
