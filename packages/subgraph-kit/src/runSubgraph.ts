import { limitHeapGrowth } from '@hub/runtime';
import type { Subgraph } from './createSubgraph';
import { seedDemoDataIfEmpty } from './seedDemoData';

/** Process entry point of a department: migrate, seed demo data on first start, listen, stop cleanly. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any department's context
export async function runSubgraph(hub: Subgraph<any>, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  limitHeapGrowth(env);
  try {
    await hub.init();
    await seedDemoDataIfEmpty(hub, env);
    await hub.listen();
  } catch (error) {
    hub.log.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    hub.log.info({ signal }, 'shutting down');
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
