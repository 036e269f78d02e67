import type { EmploymentClaimRow } from '../repositories/ClaimRepository';

export const FinanceEmploymentSubsidyClaim = {
  id: (c: EmploymentClaimRow) => String(c.id),
  person: (c: EmploymentClaimRow) => ({ id: c.personId }),
  certificate: (c: EmploymentClaimRow) => ({ department: c.certificateDepartment, certificateId: c.certificateId }),
};
