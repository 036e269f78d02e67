import { runSubgraph } from '@hub/subgraph-kit';
import { createVeteransSubgraph } from './server';

void runSubgraph(createVeteransSubgraph());
