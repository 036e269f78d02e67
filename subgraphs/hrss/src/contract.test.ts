import { runDepartmentContract } from '@hub/subgraph-kit/src/testing';
import { createHrssSubgraph } from './server';

// 部门契约测试 the same contract as every department (docs/department-guide.md), with what is really hrss's:
runDepartmentContract(createHrssSubgraph, {
  conventions: {
    // The programmes' types and queries (TrainingVoucher, Competition, evaluationInstitutions …) were released
    // without the Hrss prefix, and Figure / IndexedCertificate are shared with the county service.
    countyWide: true,
  },
});
