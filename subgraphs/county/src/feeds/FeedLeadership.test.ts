import { createContractEnv } from '@hub/subgraph-kit/src/testing/createContractEnv';
import { Department, departments } from '@hub/vocabulary';
import type { FeedChange } from '../repositories/IndexWriter';
import { createCountySubgraph } from '../server';
import type { FeedSource } from './HolderIndexSync';

const AS_OF = '2025-12-31';
const personId = (n: number) => n.toString(16).padStart(32, '0');

/** One department's feed in memory: the test appends changes, both replicas may pull it. */
function memoryFeed() {
  const changes: FeedChange[] = [];
  const source: FeedSource = async (after, limit) => {
    const page = changes.filter((c) => c.seq > after).slice(0, limit);
    return { changes: page, latestSeq: changes.length ? changes[changes.length - 1].seq : 0 };
  };
  return {
    source,
    certificate(certificateId: string, holder: number, status = 'VALID', revokedOn: string | null = null) {
      const seq = changes.length + 1;
      changes.push({
        seq,
        entity: 'certificate',
        entityId: certificateId,
        personId: personId(holder),
        at: '2025-06-01T00:00:00Z',
        record: {
          personId: personId(holder),
          kind: 'SKILL_LEVEL',
          talentCategory: 'SKILLED',
          level: 'LEVEL_3',
          issuedOn: '2025-03-01',
          status,
          revokedOn,
        },
      });
    },
    /** Distinct holders of a certificate that counts on AS_OF, from each certificate's newest change: the brute force. */
    holders(): number {
      const newest = new Map<string, FeedChange>();
      for (const c of changes) newest.set(c.entityId, c);
      const counted = [...newest.values()].filter(
        (c) => c.record.status === 'VALID' || (c.record.revokedOn !== null && String(c.record.revokedOn) > AS_OF),
      );
      return new Set(counted.map((c) => c.personId)).size;
    },
  };
}

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
}

/**
 * Two county-service replicas over one database: one pulls the feeds, the other follows the index's change
 * sequence; a leader that stops renewing is replaced, and its late pages are refused.
 */
describe('FeedLeadership and IndexFollower', () => {
  const contract = createContractEnv({
    HUB_LEASE_RENEW_MS: '100',
    HUB_LEASE_TTL_MS: '500',
    HUB_SYNC_INTERVAL_MS: '50',
    HUB_FOLLOW_INTERVAL_MS: '50',
  });
  const hrss = memoryFeed();
  const feeds = Object.fromEntries(
    departments.map((d): [Department, FeedSource] => [d, d === 'HRSS' ? hrss.source : async () => ({ changes: [], latestSeq: 0 })]),
  ) as Record<Department, FeedSource>;
  const a = createCountySubgraph({ ...contract.env, HUB_REPLICA_ID: 'replica-a' }, undefined, feeds);
  const b = createCountySubgraph({ ...contract.env, HUB_REPLICA_ID: 'replica-b' }, undefined, feeds);
  const holders = async (replica: typeof a) => (await replica.services.progress.figures(AS_OF)).certificateHolders.value;

  beforeAll(async () => {
    await a.init();
    await b.init();
  }, 60_000);
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await contract.cleanup('county');
  });

  it('elects one puller, keeps the other replica up from the sequence, and hands over when the leader stops renewing', async () => {
    await a.start();
    await until('replica a to lead', () => a.services.leadership.isLeader);
    await b.start();
    for (let n = 1; n <= 40; n++) hrss.certificate(`c${n}`, n);

    // b never pulls: its figures come from a's pages through the sequence.
    await until('b to follow a', async () => (await holders(b)) === 40);
    expect(b.services.leadership.isLeader).toBe(false);
    await expect(holders(a)).resolves.toBe(40);

    // a county input written on the follower reaches the leader's figures.
    await b.services.inputs.setCountyInput('employedPopulation', '123456', null);
    await until('a to see b’s input', async () => (await a.services.progress.figures(AS_OF)).employedPopulation === 123456);

    // a stops renewing (as if frozen) but keeps pulling: b takes over after the lease's length.
    jest.spyOn(a.services.leadership, 'tick').mockImplementation(() => Promise.resolve());
    const waited = await until('b to take over', () => b.services.leadership.isLeader, 5_000);
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(waited).toBeLessThan(2_000);

    // Revocations (one dated after AS_OF: still counts), a certificate moved to another person, new holders.
    hrss.certificate('c1', 1, 'REVOKED', '2025-05-01');
    hrss.certificate('c2', 2, 'REVOKED', '2026-02-01');
    hrss.certificate('c3', 41);
    for (let n = 42; n <= 60; n++) hrss.certificate(`c${n}`, n);
    const expected = hrss.holders();
    expect(expected).toBe(58);
    await until('b to pull', async () => (await holders(b)) === expected);
    await until('a to follow b', async () => (await holders(a)) === expected);

    // a still believes it leads: a page it pulled late is refused, whatever it holds.
    expect(a.services.leadership.isLeader).toBe(true);
    const late: FeedChange = {
      seq: 64,
      entity: 'certificate',
      entityId: 'late',
      personId: personId(99),
      at: '2025-06-01T00:00:00Z',
      record: { personId: personId(99), kind: 'SKILL_LEVEL', talentCategory: 'SKILLED', issuedOn: '2025-03-01', status: 'VALID' },
    };
    await expect(a.services.writer.apply('HRSS', [late], 64)).rejects.toThrow(/租约/);
    const cursors = await b.services.cursors.cursors();
    expect(cursors.find((c) => c.department === 'HRSS')).toMatchObject({ lastSeq: 62, lastError: null });
    const rows = await b.dataSource.query(`SELECT COUNT(*) AS n FROM holding`);
    expect(Number(rows[0].n)).toBe(59);
    const [lease] = await b.dataSource.query(`SELECT holder FROM index_lease`);
    expect(lease.holder).toBe('replica-b');
  }, 60_000);
});
