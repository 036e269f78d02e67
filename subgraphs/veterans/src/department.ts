import { col, DepartmentDefinition } from '@hub/subgraph-kit';

/** 退役军人事务局: adaptive and skills training of veterans and their certificates. */
export const department: DepartmentDefinition = {
  code: 'VETERANS',
  slug: 'veterans',
  typePrefix: 'Veterans',
  personField: 'veterans',
  columns: {
    training: { dischargeYear: col.int('discharge_year', true) },
    certificate: { dischargeYear: col.int('discharge_year', true) },
  },
};
