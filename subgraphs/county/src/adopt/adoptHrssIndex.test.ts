import type { DataSource } from 'typeorm';
import { createTables, insertRows, seedDemoData, Subgraph, TableSpec } from '@hub/subgraph-kit';
import { createContractEnv, ContractEnv } from '@hub/subgraph-kit/src/testing/createContractEnv';
import { createEducationSubgraph } from '@hub/subgraph-education/src/server';
import { createHrssSubgraph } from '@hub/subgraph-hrss/src/server';
import { HolderIndex1764115200001 } from '@hub/subgraph-hrss/src/migrations/1764115200001-HolderIndex';
import { directedTraining, programmeFeedCursor } from '@hub/subgraph-hrss/src/migrations/retiredTables';
import { Department, departments } from '@hub/vocabulary';
import { trainingFact } from '../entities/indexTables';
import { ledgerInput } from '../entities/ledgerTables';
import { yearPeriod } from '../ledger/LedgerPeriod';
import type { FeedSource } from '../feeds/HolderIndexSync';
import { createCountySubgraph } from '../server';
import { ADOPTED_TABLES, AdoptError, adoptHrssIndex } from './adoptHrssIndex';

jest.setTimeout(120_000);

/** A department's change feed read straight from its database, as its GET /changes serves it. */
function feedOf(hub: Subgraph<never, unknown>): FeedSource {
  return async (after, limit) => ({
    changes: (await hub.repo.changesAfter(after, limit)).map((r) => ({
      seq: r.seq,
      entity: r.entity,
      entityId: r.entityId,
      personId: r.personId,
      at: r.createdAt,
      record: JSON.parse(r.payload),
    })),
    latestSeq: await hub.repo.latestSeq(),
  });
}

const noFeed: FeedSource = async () => ({ changes: [], latestSeq: 0 });

/** The index as hrss kept it before the move: training_fact without the two marks the county index added. */
const legacyTrainingFact: TableSpec = {
  ...trainingFact,
  columns: Object.fromEntries(Object.entries(trainingFact.columns).filter(([p]) => p !== 'apprenticeship' && p !== 'directed')),
};

async function rows(db: DataSource, spec: TableSpec): Promise<Record<string, unknown>[]> {
  const select = Object.keys(spec.columns).map((p) => `${spec.columns[p].name} AS ${db.driver.escape(p)}`);
  return db.query(`SELECT ${select.join(', ')} FROM ${spec.table}`);
}

describe('npm run county:adopt-hrss-index', () => {
  const envs: ContractEnv[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  let hrss: ReturnType<typeof createHrssSubgraph>;
  let before: ReturnType<typeof createCountySubgraph>;

  const freshCounty = async (feeds?: Record<Department, FeedSource>) => {
    const contract = createContractEnv();
    envs.push(contract);
    const county = createCountySubgraph(contract.env, undefined, feeds);
    await county.init();
    closers.push(() => county.stop());
    return county;
  };

  beforeAll(async () => {
    const departmentsEnv = createContractEnv();
    envs.push(departmentsEnv);
    hrss = createHrssSubgraph(departmentsEnv.env);
    const education = createEducationSubgraph(departmentsEnv.env);
    for (const hub of [hrss, education]) {
      await hub.init();
      await seedDemoData(hub, 300);
      closers.push(() => hub.stop());
    }
    // The county as it stood in hrss's database: built from the feeds, with the office's entries.
    const feeds = Object.fromEntries(departments.map((d) => [d, noFeed])) as Record<Department, FeedSource>;
    // feedOf takes any department's subgraph, whose context types differ.
    feeds.HRSS = feedOf(hrss as never);
    feeds.EDUCATION = feedOf(education as never);
    before = await freshCounty(feeds);
    await before.services.sync.syncAll();
    await before.services.inputs.setCountyInput('employedPopulation', '412345', '统计局 2024 年数');
    await before.services.ledger.setInput('NEW_URBAN_JOBS', 2024, 3, 1234, null, { subject: 'office', role: 'COUNTY_ADMIN' });

    const runner = hrss.dataSource.createQueryRunner();
    try {
      await new HolderIndex1764115200001().up(runner);
      await createTables(runner, [directedTraining, programmeFeedCursor, ledgerInput]);
      for (const column of ['apprenticeship', 'directed']) await runner.dropColumn('training_fact', column);
    } finally {
      await runner.release();
    }
    await hrss.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM county_input');
      for (const spec of ADOPTED_TABLES) {
        const legacy = spec.table === 'training_fact' ? legacyTrainingFact : spec;
        await insertRows(manager, legacy, await rows(before.dataSource, legacy));
      }
      const directed = await before.dataSource.query(
        'SELECT department, training_id AS trainingId, person_id AS personId, start_date AS startDate, outcome, seq FROM training_fact WHERE directed = 1',
      );
      await insertRows(
        manager,
        directedTraining,
        directed.map((d: Record<string, unknown>) => ({ ...d, programme: '订单式培训' })),
      );
    });
  });

  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    for (const env of envs) await env.cleanup('hrss');
  });

  it('moves every table with its rows, the figures and the ledger unchanged, and drops hrss’s copies', async () => {
    const county = await freshCounty();
    const outcome = await adoptHrssIndex(hrss.dataSource, county.dataSource);
    expect(outcome).toMatchObject({ adopted: true, droppedSource: true });
    for (const spec of ADOPTED_TABLES) {
      expect(outcome.copied[spec.table]).toBe((await rows(before.dataSource, spec)).length);
    }
    expect(outcome.copied.holding).toBeGreaterThan(100);

    for (const asOf of ['2023-12-31', '2025-06-30']) {
      const [a, b] = [await before.services.progress.figures(asOf), await county.services.progress.figures(asOf)];
      expect(b.certificateHolders).toEqual(a.certificateHolders);
      expect(b.byDepartment).toEqual(a.byDepartment);
      expect(b.byTownship).toEqual(a.byTownship);
      expect(b.employedPopulation).toBe(412_345);
    }
    const [ledgerBefore, ledgerAfter] = [
      await before.services.ledger.build(yearPeriod(2024)),
      await county.services.ledger.build(yearPeriod(2024)),
    ];
    expect(ledgerAfter.channels).toEqual(ledgerBefore.channels);
    expect(ledgerAfter.apprentices.yearToDate).toBe(ledgerBefore.apprentices.yearToDate);
    expect(ledgerAfter.directedTraining.yearToDate).toBe(ledgerBefore.directedTraining.yearToDate);
    expect(ledgerAfter.newUrbanJobs.yearToDate).toBe(1234);
    // The marks hrss's index lacked are rebuilt from hrss's own tables.
    const marks = async (db: DataSource) =>
      (
        await db.query('SELECT department, training_id AS id, apprenticeship, directed FROM training_fact ORDER BY department, training_id')
      ).map((r: Record<string, unknown>) => ({
        ...r,
        apprenticeship: r.apprenticeship === null ? null : Number(r.apprenticeship),
        directed: Number(r.directed),
      }));
    expect(await marks(county.dataSource)).toEqual(await marks(before.dataSource));

    const runner = hrss.dataSource.createQueryRunner();
    try {
      for (const table of ['holding', 'feed_cursor', 'person_master', 'directed_training', 'ledger_input', 'plan_target'])
        expect(await runner.hasTable(table)).toBe(false);
      expect(await runner.hasTable('training')).toBe(true);
    } finally {
      await runner.release();
    }
    // Again: nothing left to move.
    expect(await adoptHrssIndex(hrss.dataSource, (await freshCounty()).dataSource)).toMatchObject({ adopted: false });
    expect((await county.dataSource.query('SELECT value FROM county_input'))[0].value).toBe('412345');
  });

  it('refuses to overwrite a county index that is not empty, and leaves both databases as they were', async () => {
    const runner = hrss.dataSource.createQueryRunner();
    try {
      await new HolderIndex1764115200001().up(runner);
    } finally {
      await runner.release();
    }
    await hrss.dataSource.query(`INSERT INTO feed_cursor (department, last_seq, latest_seq) VALUES ('HRSS', 7, 7)`);
    await expect(adoptHrssIndex(hrss.dataSource, before.dataSource)).rejects.toThrow(AdoptError);
    expect(Number((await hrss.dataSource.query('SELECT COUNT(*) AS n FROM feed_cursor'))[0].n)).toBe(1);
    expect(Number((await before.dataSource.query('SELECT COUNT(*) AS n FROM holding'))[0].n)).toBeGreaterThan(100);
    const replaced = await adoptHrssIndex(hrss.dataSource, before.dataSource, { replace: true, keepSource: true });
    expect(replaced).toMatchObject({ adopted: true, droppedSource: false, copied: { feed_cursor: 1, holding: 0 } });
    expect(Number((await before.dataSource.query('SELECT COUNT(*) AS n FROM holding'))[0].n)).toBe(0);
    expect(await before.dataSource.query(`SELECT value FROM county_input`)).toEqual([
      expect.objectContaining({ value: expect.any(String) }),
    ]);
    // Dropping hrss's copies alone: refused while the county has no index, done once it has one.
    await expect(adoptHrssIndex(hrss.dataSource, (await freshCounty()).dataSource, { dropSourceOnly: true })).rejects.toThrow(AdoptError);
    expect(await adoptHrssIndex(hrss.dataSource, before.dataSource, { dropSourceOnly: true })).toMatchObject({
      droppedSource: true,
      copied: {},
    });
    expect(await adoptHrssIndex(hrss.dataSource, before.dataSource)).toMatchObject({ adopted: false });
  });
});
