import { createContractEnv } from '@hub/subgraph-kit/src/testing/createContractEnv';
import { Department, departments } from '@hub/vocabulary';
import type { FeedSource } from '../feeds/HolderIndexSync';
import { createCountySubgraph } from '../server';

/** Every department's feed, empty: for tests that write the index themselves. */
export const emptyFeeds = Object.fromEntries(
  departments.map((d): [Department, FeedSource] => [d, async () => ({ changes: [], latestSeq: 0 })]),
) as Record<Department, FeedSource>;

/**
 * The county service on its own test database (SQLite, or MariaDB with HUB_DB=mysql), started before the file's
 * tests and stopped and dropped after them. Without `feeds` it reads the departments' real feeds when asked.
 */
export function countyUnderTest(feeds?: Record<Department, FeedSource>) {
  const contract = createContractEnv();
  const county = createCountySubgraph(contract.env, undefined, feeds);
  beforeAll(() => county.init(), 60_000);
  afterAll(async () => {
    await county.stop();
    await contract.cleanup('county');
  });
  return county;
}
