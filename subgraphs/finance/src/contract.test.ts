import { runDepartmentContract } from '@hub/subgraph-kit/src/testing';
import { createFinanceSubgraph } from './server';

// 部门契约测试 what every department guarantees the graph: batched Person references, a monotonic
// and idempotent change feed, and the schema conventions (docs/department-guide.md).
runDepartmentContract(createFinanceSubgraph);
