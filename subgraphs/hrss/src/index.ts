import { runSubgraph } from '@hub/subgraph-kit';
import { createHrssSubgraph } from './server';

const hrss = createHrssSubgraph();
void runSubgraph(hrss).then(() => {
  hrss.sync.start(Number(process.env.HUB_SYNC_INTERVAL_MS || 1000));
  // Read the holder index into memory now rather than on the first dashboard's request.
  hrss.progress.warm().catch((error: unknown) => hrss.log.warn({ err: error instanceof Error ? error.message : String(error) }, '全县统计预热失败 county figures warm-up failed'));
});
