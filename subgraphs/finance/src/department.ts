import { col, DepartmentDefinition, registeredDepartment } from '@hub/subgraph-kit';

/** 财政局: SOE staff training, 会计专业技术资格, the subsidy ledger. */
export const department: DepartmentDefinition = {
  // Enum value, slug, type prefix and Person field from the department registry (packages/vocabulary).
  ...registeredDepartment('FINANCE'),
  fields: {
    certificates: 'financeCertificates',
    trainings: 'financeTrainings',
    recordCertificate: 'recordFinanceCertificate',
    recordTraining: 'recordFinanceTraining',
    revokeCertificate: 'revokeFinanceCertificate',
  },
  columns: {
    training: { employer: col.text('employer', 128, true) },
    certificate: { employer: col.text('employer', 128, true) },
  },
};
