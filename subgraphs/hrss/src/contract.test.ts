import { runDepartmentContract } from '@hub/subgraph-kit/src/testing';
import { createHrssSubgraph } from './server';

// 部门契约测试 the same contract as every department (docs/department-guide.md), with what is really hrss's:
runDepartmentContract(createHrssSubgraph, {
  // hrss resolves a Person reference through its person master (one loader, one statement).
  extraReferenceStatements: 1,
  conventions: {
    // It owns the county-wide types and entry queries (Person master, CountyProgress, people …): no Hrss prefix.
    countyWide: true,
    // Released without descriptions; each entry is a debt to pay by describing the field, then deleting the line.
    exceptions: {
      'ShareFigure.key': 'released undescribed (v1)',
      'ShareFigure.label': 'released undescribed (v1)',
      'DepartmentCompleteness.label': 'released undescribed (v1)',
      AuditEntryConnection: 'released undescribed (v1)',
    },
  },
});
