import { demoFundAllocations } from '@hub/demo-data';
import { seedDemoDataIfEmpty } from '@hub/subgraph-kit';
import { createContractEnv } from '@hub/subgraph-kit/src/testing';
import { createFinanceSubgraph } from './server';

describe('the demo county on a first start: finance fund allocations', () => {
  const contract = createContractEnv();
  const hub = createFinanceSubgraph({ ...contract.env, HUB_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    await hub.init();
    await seedDemoDataIfEmpty(hub, { ...contract.env, HUB_DEMO: 'on', HUB_DEMO_PERSONS: '300' });
  }, 120_000);

  afterAll(async () => {
    await hub.dataSource.destroy();
    await contract.cleanup('finance');
  });

  it('allocates every programme-year of the plan period once, and again not on the next start', async () => {
    await seedDemoDataIfEmpty(hub, { ...contract.env, HUB_DEMO: 'on', HUB_DEMO_PERSONS: '300' });
    for (const a of demoFundAllocations) {
      const total = await hub.services.funds.total(a.programme, a.year);
      expect([a.programme, a.year, total.inFen, total.entries]).toEqual([a.programme, a.year, a.amountFen, 1]);
    }
  });
});
