import { runSubgraph } from '@hub/subgraph-kit';
import { createEducationSubgraph } from './server';

void runSubgraph(createEducationSubgraph());
