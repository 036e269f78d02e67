import { occupationByCode, SkillLevel } from '@hub/vocabulary';
import type { EvaluationClaimRow } from '../repositories/ClaimRepository';

export const FinanceEvaluationSubsidyClaim = {
  id: (c: EvaluationClaimRow) => String(c.id),
  person: (c: EvaluationClaimRow) => ({ id: c.personId }),
  occupation: (c: EvaluationClaimRow) => occupationByCode(c.occupationCode) ?? { code: c.occupationCode, name: c.occupationCode },
  // A claim stores the certificate's SkillLevel, or SPECIAL_ABILITY for 专项职业能力 (EvaluationSubsidyService).
  level: (c: EvaluationClaimRow) => (c.level === 'SPECIAL_ABILITY' ? null : (c.level as SkillLevel)),
  certificate: (c: EvaluationClaimRow) => ({ department: c.certificateDepartment, certificateId: c.certificateId }),
};
