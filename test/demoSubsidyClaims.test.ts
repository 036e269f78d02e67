import { demoSubsidyClaims } from '@hub/demo-data';
import { seedDemoDataIfEmpty } from '@hub/subgraph-kit';
import { seedDemoClaims } from '@hub/subgraph-finance/src/subsidies/seedDemoClaims';
import { startHub, TestHub } from './fixtures/startHub';

const PERSONS = '300';

describe('the demo county on a first start: finance subsidy claims through the real services', () => {
  let hub: TestHub;
  const demoEnv = () => ({ ...hub.env, HUB_DEMO: 'on', HUB_DEMO_PERSONS: PERSONS });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- finance's services as the subgraph holds them
  const finance = () => hub.subgraphs.finance.services as any;
  const plan = () => demoSubsidyClaims(Number(PERSONS), new Date().toISOString().slice(0, 10));
  const seed = () => seedDemoClaims({ dataSource: hub.subgraphs.finance.dataSource, ...finance() }, plan());
  const claims = async () => {
    const res = await hub.query(
      `{ evaluation: financeEvaluationSubsidyClaims(first: 100) { totalCount nodes { institutionCode amountFen claimedBy } }
         hiring: financeEmploymentSubsidyClaims(programme: HIRING, first: 100) { totalCount nodes { claimantName amountFen } }
         referral: financeEmploymentSubsidyClaims(programme: REFERRAL, first: 100) { totalCount nodes { claimantName amountFen } } }`,
    );
    expect(res.errors).toBeUndefined();
    return res.data;
  };

  beforeAll(async () => {
    hub = await startHub({ persons: 0 });
    // A first start: hrss's demo records and programmes (catalogue, register), finance's demo fund allocations.
    await seedDemoDataIfEmpty(hub.subgraphs.hrss, demoEnv());
    await seedDemoDataIfEmpty(hub.subgraphs.finance, demoEnv());
  }, 240_000);
  afterAll(() => hub?.stop());

  it('waits while the county index has not seen hrss’s demo certificates, and pays nothing meanwhile', async () => {
    const outcome = await seed();
    expect(outcome).toMatchObject({ paid: 0, waiting: 'NO_CERTIFICATE', skipped: false });
  });

  it('pays each kind once the index has synced, refuses what the rules refuse, and does it only once', async () => {
    await hub.query('mutation { syncHolderIndex { department } }');
    const outcome = await seed();
    expect(outcome).toEqual({ paid: 12, already: 0, refused: ['NOT_SME', 'EMPLOYMENT_TOO_SHORT'], waiting: null, skipped: false });
    const first = await claims();
    expect([first.evaluation.totalCount, first.hiring.totalCount, first.referral.totalCount]).toEqual([5, 4, 3]);
    expect(
      first.evaluation.nodes.every((c: { claimedBy: string; amountFen: number }) => c.claimedBy === 'demo-data' && c.amountFen > 0),
    ).toBe(true);
    expect(first.hiring.nodes.every((c: { amountFen: number }) => c.amountFen === 100_000)).toBe(true);
    expect(first.referral.nodes.every((c: { amountFen: number }) => c.amountFen === 30_000)).toBe(true);

    // The next start: nothing more.
    expect(await seed()).toMatchObject({ paid: 0, skipped: true });
    const again = await claims();
    expect([again.evaluation.totalCount, again.hiring.totalCount, again.referral.totalCount]).toEqual([5, 4, 3]);
    const totals = await hub.query('{ financeFundTotals { programme year outFen } }');
    const out = (totals.data.financeFundTotals as { outFen: number }[]).reduce((n, t) => n + t.outFen, 0);
    expect(out).toBe(first.evaluation.nodes.reduce((n: number, c: { amountFen: number }) => n + c.amountFen, 0) + 4 * 100_000 + 3 * 30_000);
  });

  it('finishes a run cut short without paying twice', async () => {
    // As if the process stopped after the first claims: a new plan run over them counts them as done.
    await hub.subgraphs.finance.dataSource.query("UPDATE employment_subsidy_claim SET claimed_by = 'office' WHERE programme = 'REFERRAL'");
    const outcome = await seed();
    expect(outcome).toMatchObject({ paid: 0, already: 12, waiting: null });
    expect((await claims()).referral.totalCount).toBe(3);
  });
});
