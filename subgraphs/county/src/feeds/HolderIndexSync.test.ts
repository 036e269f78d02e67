import { Department, departments } from '@hub/vocabulary';
import type { Logger } from '@hub/runtime';
import type { FeedCursorRepository } from '../repositories/FeedCursorRepository';
import type { FeedChange, IndexWriter } from '../repositories/IndexWriter';
import { countyUnderTest } from '../testing/countyUnderTest';
import { HolderIndexSync, PAGES_PER_TRANSACTION } from './HolderIndexSync';
import type { FeedSource } from './HolderIndexSync';

/** Departments that are down and departments that answer, synced at once, while the office writes: no write may trip over another. */
describe('HolderIndexSync', () => {
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
  const county = countyUnderTest(feeds);

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

/** A backlog is applied several feed pages per transaction; what a transaction holds is whole pages, in feed order. */
describe('HolderIndexSync with a backlog', () => {
  const change = (seq: number): FeedChange => ({
    seq,
    entity: 'audit',
    entityId: `a${seq}`,
    personId: 'p1',
    at: '2025-01-01T00:00:00Z',
    record: {},
  });

  /** A sync over a fake writer and cursor store: `feed` is EDUCATION's feed, `fail(after)` makes a pull throw. */
  function harness(total: number, fail: (after: number) => boolean = () => false, failApply = false) {
    const feed = Array.from({ length: total }, (_, i) => change(i + 1));
    const state = { cursor: 0, transactions: [] as number[][], failures: [] as string[], pulls: 0 };
    const writer = {
      apply: async (_department: Department, changes: FeedChange[], latestSeq: number) => {
        if (failApply) throw new Error('disk full');
        expect(latestSeq).toBe(total);
        state.transactions.push(changes.map((c) => c.seq));
        state.cursor = Math.max(state.cursor, ...changes.map((c) => c.seq));
      },
    } as unknown as IndexWriter;
    const cursors = {
      cursor: async () => state.cursor,
      recordFailure: async (_department: Department, message: string) => void state.failures.push(message),
    } as unknown as FeedCursorRepository;
    const source: FeedSource = async (after, limit) => {
      state.pulls++;
      if (fail(after)) throw new Error(`down after ${after}`);
      return { changes: feed.filter((c) => c.seq > after).slice(0, limit), latestSeq: total };
    };
    const sources = Object.fromEntries(departments.map((d) => [d, source])) as Record<Department, FeedSource>;
    const log = { warn: () => undefined } as unknown as Logger;
    return { sync: new HolderIndexSync(writer, cursors, sources, log), state };
  }
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('applies full pages together, up to the limit per transaction, and the rest in the last one', async () => {
    const total = 5000 * (PAGES_PER_TRANSACTION + 1) + 300;
    const { sync, state } = harness(total);
    await expect(sync.syncDepartment('EDUCATION')).resolves.toEqual({ department: 'EDUCATION', applied: total });
    expect(state.transactions.map((t) => t.length)).toEqual([5000 * PAGES_PER_TRANSACTION, 5300]);
    expect(state.transactions.flat()).toEqual(range(1, total));
    expect(state.cursor).toBe(total);
  });

  it('a feed of exactly full pages is applied in one transaction with the empty page that ends it', async () => {
    const { sync, state } = harness(5000 * 2);
    await expect(sync.syncDepartment('EDUCATION')).resolves.toEqual({ department: 'EDUCATION', applied: 10_000 });
    expect(state.transactions.map((t) => t.length)).toEqual([10_000]);
  });

  it('a page that fails after others were pulled: those are applied, the failure recorded, the rest pulled again next time', async () => {
    let down = true;
    const { sync, state } = harness(5000 * 3 + 10, (after) => down && after === 10_000);
    const outcome = await sync.syncDepartment('EDUCATION');
    expect(outcome).toEqual({ department: 'EDUCATION', applied: 10_000, error: 'down after 10000' });
    expect(state.transactions).toEqual([range(1, 10_000)]);
    expect(state.failures).toEqual(['down after 10000']);
    down = false;
    await expect(sync.syncDepartment('EDUCATION')).resolves.toEqual({ department: 'EDUCATION', applied: 5010 });
    expect(state.transactions.flat()).toEqual(range(1, 15_010));
  });

  it('a first page that fails applies nothing; a transaction that fails applies nothing and moves no cursor', async () => {
    const down = harness(12_000, () => true);
    expect((await down.sync.syncDepartment('EDUCATION')).error).toBe('down after 0');
    expect(down.state.transactions).toEqual([]);
    expect(down.state.pulls).toBe(1);
    const broken = harness(12_000, () => false, true);
    expect(await broken.sync.syncDepartment('EDUCATION')).toEqual({ department: 'EDUCATION', applied: 0, error: 'disk full' });
    expect(broken.state.cursor).toBe(0);
    expect(broken.state.failures).toEqual(['disk full']);
  });
});
