import { col, DepartmentDefinition, registeredDepartment } from '@hub/subgraph-kit';

/** 退役军人事务局: adaptive and skills training of veterans and their certificates. */
export const department: DepartmentDefinition = {
  // Enum value, slug, type prefix and Person field from the department registry (packages/vocabulary).
  ...registeredDepartment('VETERANS'),
  fields: {
    certificates: 'veteransCertificates',
    trainings: 'veteransTrainings',
    recordCertificate: 'recordVeteransCertificate',
    recordTraining: 'recordVeteransTraining',
    revokeCertificate: 'revokeVeteransCertificate',
  },
  columns: {
    training: { dischargeYear: col.int('discharge_year', true) },
    certificate: { dischargeYear: col.int('discharge_year', true) },
  },
};
