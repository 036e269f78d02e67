import { runSubgraph } from '@hub/subgraph-kit';
import { createCivilAffairsSubgraph } from './server';

void runSubgraph(createCivilAffairsSubgraph());
