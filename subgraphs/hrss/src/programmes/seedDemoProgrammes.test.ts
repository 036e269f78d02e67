import { demoCreditCode, demoEnterprises } from '@hub/demo-data';
import { seedDemoDataIfEmpty } from '@hub/subgraph-kit';
import { createContractEnv } from '@hub/subgraph-kit/src/testing';
import { createHrssSubgraph } from '../server';

describe('the demo county on a first start: hrss programmes and registers beside the records', () => {
  const contract = createContractEnv();
  const hub = createHrssSubgraph({ ...contract.env, HUB_DEMO_PERSONS: '600', HUB_LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    await hub.init();
    await seedDemoDataIfEmpty(hub, { ...contract.env, HUB_DEMO: 'on', HUB_DEMO_PERSONS: '600' });
  }, 120_000);

  afterAll(async () => {
    await hub.dataSource.destroy();
    await contract.cleanup('hrss');
  });

  const { programmes } = hub.services;

  it('registers the demo enterprises under valid credit codes, every size class present', async () => {
    const rows = await programmes.enterprises.list({});
    expect(rows.map((e) => e.creditCode).sort()).toEqual(demoEnterprises.map((e) => e.creditCode).sort());
    expect(new Set(rows.map((e) => e.sizeClass))).toEqual(new Set(['LARGE', 'MEDIUM', 'SMALL', 'MICRO']));
    expect(demoCreditCode(1001)).toMatch(/^91410928MA0001001[0-9A-HJ-NP-RT-UW-Y]$/);
  });

  it('selects eight social training institutions each year, the ones that gave demo trainings', async () => {
    for (const year of [2022, 2023, 2024, 2025]) {
      const selected = await programmes.trainingInstitutions.selected(year);
      expect([year, selected.length]).toEqual([year, 8]);
    }
    // Their output is counted by the county service over the departments' records; here: hrss's demo trainings name them.
    const names = (await programmes.trainingInstitutions.selected(2024)).map((i) => i.name);
    const given: { n: number }[] = await hub.dataSource.query(
      `SELECT COUNT(*) AS n FROM training WHERE provider IN (${names.map(() => '?').join(',')}) AND start_date LIKE '2024-%'`,
      names,
    );
    expect(Number(given[0].n)).toBeGreaterThan(0);
  });

  it('puts the evaluation institutions on the catalogue and records competitions with contestants', async () => {
    expect((await programmes.catalogue.asOf('2025-06-30', false)).length).toBe(4);
    const competitions = await programmes.competitionRepository.inYear(2024);
    expect(competitions.length).toBe(2);
    const entries = await programmes.competitionRepository.entriesOf(competitions.map((c) => c.id));
    expect(entries.length).toBeGreaterThan(0);
  });

  it('takes vouchers through registration, training and evaluation, some failed', async () => {
    const rows: { state: string }[] = await hub.dataSource.query('SELECT state FROM voucher');
    expect(rows.length).toBe(40);
    const states = new Set(rows.map((r) => r.state));
    expect(states.has('EVALUATED')).toBe(true);
    expect(states.size).toBeGreaterThan(1);
  });

  it('leaves a county that already has records alone on the next start', async () => {
    await seedDemoDataIfEmpty(hub, { ...contract.env, HUB_DEMO: 'on', HUB_DEMO_PERSONS: '600' });
    expect((await programmes.enterprises.list({})).length).toBe(demoEnterprises.length);
    expect((await programmes.trainingInstitutions.decisions(2025)).length).toBe(8);
  });
});
