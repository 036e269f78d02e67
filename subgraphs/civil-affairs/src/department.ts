import { col, DepartmentDefinition, registeredDepartment } from '@hub/subgraph-kit';

/** 民政局: 养老护理员, 孤残儿童护理员, 殡仪服务员, 假肢装配工 training; 社会工作者 qualifications. */
export const department: DepartmentDefinition = {
  // Enum value, slug, type prefix and Person field from the department registry (packages/vocabulary).
  ...registeredDepartment('CIVIL_AFFAIRS'),
  fields: {
    certificates: 'civilAffairsCertificates',
    trainings: 'civilAffairsTrainings',
    recordCertificate: 'recordCivilAffairsCertificate',
    recordTraining: 'recordCivilAffairsTraining',
    revokeCertificate: 'revokeCivilAffairsCertificate',
  },
  columns: {
    training: { institution: col.text('institution', 128, true) },
    certificate: { institution: col.text('institution', 128, true) },
  },
};
