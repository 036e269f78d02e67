import { col, DepartmentDefinition } from '@hub/subgraph-kit';

/** 民政局: 养老护理员, 孤残儿童护理员, 殡仪服务员, 假肢装配工 training; 社会工作者 qualifications. */
export const department: DepartmentDefinition = {
  code: 'CIVIL_AFFAIRS',
  slug: 'civil-affairs',
  typePrefix: 'CivilAffairs',
  personField: 'civilAffairs',
  columns: {
    training: { institution: col.text('institution', 128, true) },
    certificate: { institution: col.text('institution', 128, true) },
  },
};
