import { col, DepartmentDefinition } from '@hub/subgraph-kit';

/** 农业农村局: 高素质农民 training, rural practical talent certificates, rural e-commerce training. */
export const department: DepartmentDefinition = {
  code: 'AGRICULTURE',
  slug: 'agriculture',
  typePrefix: 'Agriculture',
  personField: 'agriculture',
  columns: {
    training: {
      cooperative: col.text('cooperative', 128, true),
      farm: col.text('farm', 128, true),
      industry: col.text('industry', 32, true),
    },
    certificate: {},
  },
};
