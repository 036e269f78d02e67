import { col, DepartmentDefinition, registeredDepartment } from '@hub/subgraph-kit';

/** 农业农村局: 高素质农民 training, rural practical talent certificates, rural e-commerce training. */
export const department: DepartmentDefinition = {
  // Enum value, slug, type prefix and Person field from the department registry (packages/vocabulary).
  ...registeredDepartment('AGRICULTURE'),
  fields: {
    certificates: 'agricultureCertificates',
    trainings: 'agricultureTrainings',
    recordCertificate: 'recordAgricultureCertificate',
    recordTraining: 'recordAgricultureTraining',
    revokeCertificate: 'revokeAgricultureCertificate',
  },
  columns: {
    training: {
      cooperative: col.text('cooperative', 128, true),
      farm: col.text('farm', 128, true),
      industry: col.text('industry', 32, true),
    },
    certificate: {},
  },
};
