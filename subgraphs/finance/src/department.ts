import { col, DepartmentDefinition } from '@hub/subgraph-kit';

/** 财政局: SOE staff training, 会计专业技术资格, the subsidy ledger. */
export const department: DepartmentDefinition = {
  code: 'FINANCE',
  slug: 'finance',
  typePrefix: 'Finance',
  personField: 'finance',
  columns: {
    training: { employer: col.text('employer', 128, true) },
    certificate: { employer: col.text('employer', 128, true) },
  },
};
