import { runSubgraph } from '@hub/subgraph-kit';
import { createCountySubgraph } from './server';

void runSubgraph(createCountySubgraph());
