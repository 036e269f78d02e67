import { col, DepartmentDefinition } from '@hub/subgraph-kit';

/** 教育局: vocational-school students, teacher and public-staff training, directed training. */
export const department: DepartmentDefinition = {
  code: 'EDUCATION',
  slug: 'education',
  typePrefix: 'Education',
  personField: 'education',
  columns: {
    training: { school: col.text('school', 128, true), major: col.text('major', 128, true) },
    certificate: { school: col.text('school', 128, true), major: col.text('major', 128, true) },
  },
};
