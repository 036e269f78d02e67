import { runSubgraph } from '@hub/subgraph-kit';
import { createHrssSubgraph } from './server';

void runSubgraph(createHrssSubgraph());
