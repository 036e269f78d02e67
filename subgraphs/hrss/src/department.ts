import { col, DepartmentDefinition } from '@hub/subgraph-kit';

/** 人力资源和社会保障局: Person master record, county holder index, enterprise training, skill certificates from registered evaluation institutions. */
export const department: DepartmentDefinition = {
  code: 'HRSS',
  slug: 'hrss',
  typePrefix: 'Hrss',
  personField: 'hrss',
  columns: {
    training: { enterprise: col.text('enterprise', 128, true), apprenticeship: col.int('apprenticeship', true) },
    certificate: { evaluationInstitution: col.text('evaluation_institution', 128, true) },
  },
};
