import { col, DepartmentDefinition, registeredDepartment } from '@hub/subgraph-kit';

/** 教育局: vocational-school students, teacher and public-staff training, directed training. */
export const department: DepartmentDefinition = {
  // Enum value, slug, type prefix and Person field from the department registry (packages/vocabulary).
  ...registeredDepartment('EDUCATION'),
  fields: {
    certificates: 'educationCertificates',
    trainings: 'educationTrainings',
    recordCertificate: 'recordEducationCertificate',
    recordTraining: 'recordEducationTraining',
    revokeCertificate: 'revokeEducationCertificate',
  },
  columns: {
    training: { school: col.text('school', 128, true), major: col.text('major', 128, true) },
    certificate: { school: col.text('school', 128, true), major: col.text('major', 128, true) },
  },
};
