import { col, DepartmentDefinition, registeredDepartment } from '@hub/subgraph-kit';

/** 人力资源和社会保障局: enterprise employee training and apprenticeships, skill certificates from registered evaluation institutions. */
export const department: DepartmentDefinition = {
  // Enum value, slug, type prefix and Person field from the department registry (packages/vocabulary).
  ...registeredDepartment('HRSS'),
  fields: {
    certificates: 'hrssCertificates',
    trainings: 'hrssTrainings',
    recordCertificate: 'recordHrssCertificate',
    recordTraining: 'recordHrssTraining',
    revokeCertificate: 'revokeHrssCertificate',
  },
  columns: {
    training: { enterprise: col.text('enterprise', 128, true), apprenticeship: col.int('apprenticeship', true) },
    certificate: { evaluationInstitution: col.text('evaluation_institution', 128, true) },
  },
};
