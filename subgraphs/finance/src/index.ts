import { runSubgraph } from '@hub/subgraph-kit';
import { createFinanceSubgraph } from './server';

void runSubgraph(createFinanceSubgraph());
