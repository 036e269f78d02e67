import { runSubgraph } from '@hub/subgraph-kit';
import { createAgricultureSubgraph } from './server';

void runSubgraph(createAgricultureSubgraph());
