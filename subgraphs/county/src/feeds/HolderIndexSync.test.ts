import { createContractEnv } from '@hub/subgraph-kit/src/testing/createContractEnv';
import { Department, departments } from '@hub/vocabulary';
import { createCountySubgraph } from '../server';
import type { FeedSource } from './HolderIndexSync';

/** Departments that are down and departments that answer, synced at once, while the office writes: no write may trip over another. */
describe('HolderIndexSync', () => {
  const contract = createContractEnv();
  let calls = 0;
  const feeds = Object.fromEntries(
    departments.map((d, i): [Department, FeedSource] => [
      d,
      i % 2
        ? async () => {
            calls++;
            throw new Error(`${d} unreachable`);
          }
        : async (after) => ({
            changes: after
              ? []
              : [
                  {
                    seq: 1,
                    entity: 'audit',
                    entityId: 'a1',
                    personId: 'p1',
                    at: '2025-01-01T00:00:00Z',
                    record: {
                      at: '2025-01-01T00:00:00Z',
                      subject: 's',
                      role: 'COUNTY_ADMIN',
                      field: 'idNumber',
                      purpose: '核对',
                      requestId: 'r1',
                    },
                  },
                ],
            latestSeq: 1,
          }),
    ]),
  ) as Record<Department, FeedSource>;
  const county = createCountySubgraph(contract.env, undefined, feeds);

  beforeAll(() => county.init(), 60_000);
  afterAll(async () => {
    await county.stop();
    await contract.cleanup('county');
  });

  it('applies what answers and records what fails, with the office writing at the same time', async () => {
    const { sync, inputs, audit, cursors } = county.services;
    const lookups = Array.from({ length: 5 }, (_, i) =>
      audit.recordLookup({
        department: 'HRSS',
        at: new Date().toISOString(),
        subject: `clerk-${i}`,
        role: 'DEPARTMENT_STAFF',
        personId: `p${i}`,
        field: 'lookupByIdNumber',
        purpose: '核对',
        requestId: `q${i}`,
      }),
    );
    const outcomes = await Promise.all([
      sync.syncAll(),
      sync.syncAll(),
      inputs.setCountyInput('employedPopulation', '380000', null),
      ...lookups,
    ]);
    expect(calls).toBeGreaterThan(0);
    const failing = departments.filter((_, i) => i % 2);
    expect(
      (outcomes[0] as { department: Department; error?: string }[])
        .filter((o) => o.error)
        .map((o) => o.department)
        .sort(),
    ).toEqual([...failing].sort());
    const stored = await cursors.cursors();
    for (const d of departments)
      expect(stored.find((c) => c.department === d)?.lastError ?? null).toBe(failing.includes(d) ? `${d} unreachable` : null);
    const seqs = (await county.dataSource.query('SELECT seq FROM audit_entry ORDER BY seq')).map((r: { seq: number }) => Number(r.seq));
    // Five lookups with their own negative numbers, and each answering feed's audit entry once.
    expect(seqs.filter((s: number) => s < 0).sort((a: number, b: number) => a - b)).toEqual([-5, -4, -3, -2, -1]);
    expect(seqs.filter((s: number) => s > 0)).toHaveLength(departments.length - failing.length);
  });
});
