import { runSubgraph } from '@hub/subgraph-kit';
import { createHrssSubgraph } from './server';

const hrss = createHrssSubgraph();
void runSubgraph(hrss).then(() => hrss.sync.start(Number(process.env.HUB_SYNC_INTERVAL_MS || 1000)));
