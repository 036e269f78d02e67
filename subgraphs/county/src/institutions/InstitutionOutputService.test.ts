import { createContractEnv } from '@hub/subgraph-kit/src/testing/createContractEnv';
import { Department, departments } from '@hub/vocabulary';
import type { FeedChange } from '../repositories/IndexWriter';
import type { FeedSource } from '../feeds/HolderIndexSync';
import { createCountySubgraph } from '../server';

const WELDER = '6-18-02-04';
const NAME = '濮阳县蓝天职业培训学校';

let seq = 0;
const training = (personId: string, provider: string, extra: Record<string, unknown> = {}): FeedChange => ({
  seq: ++seq,
  entity: 'training',
  entityId: `t${seq}`,
  personId,
  at: '2025-01-01T00:00:00Z',
  record: {
    personId,
    channel: 'SOCIAL_RURAL',
    targetGroup: 'FARMER',
    occupationCode: WELDER,
    startDate: '2025-03-01',
    endDate: '2025-04-01',
    outcome: 'COMPLETED',
    provider,
    directedKind: null,
    ...extra,
  },
});
const certificate = (personId: string, extra: Record<string, unknown> = {}): FeedChange => ({
  seq: ++seq,
  entity: 'certificate',
  entityId: `c${seq}`,
  personId,
  at: '2025-01-01T00:00:00Z',
  record: {
    personId,
    kind: 'SKILL_LEVEL',
    talentCategory: 'SKILLED',
    level: 'LEVEL_4',
    occupationCode: WELDER,
    issuedOn: '2025-05-01',
    validUntil: null,
    status: 'VALID',
    revokedOn: null,
    certificateNumber: `N${seq}`,
    ...extra,
  },
});

/** What each department's feed serves: trainings at one institution in two departments, certificates in others. */
const served: Partial<Record<Department, FeedChange[]>> = {
  // 甲 trained twice at the institution (education, then agriculture under a differently written name).
  EDUCATION: [
    training('p-jia', NAME, { channel: 'SCHOOL', targetGroup: 'STUDENT' }),
    training('p-yi', NAME, { outcome: 'DROPPED', endDate: null }),
    training('p-ding', '濮阳县华夏职业培训学校'),
  ],
  AGRICULTURE: [
    training('p-jia', ' 濮阳县 蓝天职业培训学校 ', { startDate: '2025-04-01' }),
    training('p-bing', 'ＰＸ－０１'),
    training('p-wu', NAME, { startDate: '2024-12-31' }),
  ],
  // 甲's certificate is hrss's: it is the result of both of 甲's trainings.
  HRSS: [certificate('p-jia'), certificate('p-ding')],
  // 丙's only certificate was withdrawn (no date known): no result. A training written without a provider.
  FINANCE: [certificate('p-bing', { status: 'REVOKED', revokedOn: null }), training('p-ji', '')],
};

let feedReads = 0;
const feeds = Object.fromEntries(
  departments.map((d): [Department, FeedSource] => [
    d,
    async (after) => {
      feedReads += 1;
      const changes = (served[d] ?? []).filter((c) => c.seq > after);
      return { changes, latestSeq: Math.max(0, ...(served[d] ?? []).map((c) => c.seq)) };
    },
  ]),
) as Record<Department, FeedSource>;

describe('training institutions’ outputs over every department’s records (county holder index)', () => {
  const contract = createContractEnv();
  const county = createCountySubgraph(contract.env, undefined, feeds);

  beforeAll(async () => {
    await county.init();
    await county.services.sync.syncAll();
  }, 60_000);
  afterAll(async () => {
    await county.stop();
    await contract.cleanup('county');
  });

  const lantian = [NAME, 'PX-01'];

  it('counts trainings across departments by the normalised name or code, each training once, with another department’s certificate as the result', async () => {
    const [output] = await county.services.institutionOutputs.outputs([lantian], 2025);
    // 甲 twice (education, agriculture), 乙 (dropped), 丙 (by the code written full-width); 戊's started in 2024.
    expect(output).toEqual({ trained: 4, completed: 3, certified: 2, passRate: 0.6667 });
  });

  it('does not count a withdrawn certificate or another institution’s trainees, and counts by the start year', async () => {
    const [lt, huaxia, none] = await county.services.institutionOutputs.outputs(
      [lantian, ['濮阳县华夏职业培训学校'], ['濮阳县未开班培训学校']],
      2025,
    );
    expect(lt.certified).toBe(2); // 丙's revoked certificate is not among them
    expect(huaxia).toEqual({ trained: 1, completed: 1, certified: 1, passRate: 1 });
    expect(none).toEqual({ trained: 0, completed: 0, certified: 0, passRate: null });
    const [cooks] = await county.services.institutionOutputs.outputs([lantian], 2024);
    expect(cooks).toEqual({ trained: 1, completed: 1, certified: 0, passRate: 0 });
  });

  it('refuses a bad year and an oversized question', async () => {
    await expect(county.services.institutionOutputs.outputs([lantian], 1899)).rejects.toMatchObject({ code: 'BAD_YEAR' });
    await expect(
      county.services.institutionOutputs.outputs(
        Array.from({ length: 201 }, () => [NAME]),
        2025,
      ),
    ).rejects.toMatchObject({ code: 'TOO_MANY_INSTITUTIONS' });
  });

  it('gives trainings indexed before the provider column their provider from the feeds, once', async () => {
    const { dataSource } = county;
    // The index as the previous release left it: migrate back past the provider columns (and whatever came after), then forward again.
    const hasProvider = async () => {
      const runner = dataSource.createQueryRunner();
      try {
        return await runner.hasColumn('training_fact', 'provider');
      } finally {
        await runner.release();
      }
    };
    for (let undone = 0; (await hasProvider()) && undone < 10; undone++) await dataSource.undoLastMigration();
    expect(await hasProvider()).toBe(false);
    await dataSource.runMigrations();
    const empty = await dataSource.query('SELECT COUNT(*) AS n FROM training_fact WHERE provider IS NULL');
    expect(Number(empty[0].n)).toBe(7);
    expect((await county.services.institutionOutputs.outputs([lantian], 2025))[0].trained).toBe(0);

    expect(await county.services.providerBackfill.run()).toEqual({ filled: 6, pending: [] });
    expect((await county.services.institutionOutputs.outputs([lantian], 2025))[0]).toEqual({
      trained: 4,
      completed: 3,
      certified: 2,
      passRate: 0.6667,
    });
    // The training its feed gives no provider for is marked not known, and a later start reads no feed at all.
    const unknown = await dataSource.query("SELECT COUNT(*) AS n FROM training_fact WHERE provider = '' AND provider_key IS NULL");
    expect(Number(unknown[0].n)).toBe(1);
    feedReads = 0;
    expect(await county.services.providerBackfill.run()).toEqual({ filled: 0, pending: [] });
    expect(feedReads).toBe(0);
  });
});
