import type { DataSource } from 'typeorm';
import { coreTableSpecs } from './coreTables';
import { createDataSource, databaseKind, ensureMysqlDatabase } from './createDataSource';
import { DirectedTrainingKind1765290000000 } from './DirectedTrainingKind1765290000000';
import { createTables } from './migrationHelpers';
import type { TableSpec } from './tableSpec';
import { createContractEnv } from './testing/createContractEnv';

/** The training table before departments recorded 订单式/定向式. */
function releasedTrainingTable(): TableSpec {
  const spec = coreTableSpecs().training;
  const { directedKind: _directed, ...columns } = spec.columns;
  return { ...spec, columns };
}

const INSERT = `INSERT INTO training (person_id, programme, channel, target_group, provider, start_date, outcome, created_at, updated_at)
  VALUES (?, ?, 'SCHOOL_PUBLIC', 'STUDENT', '职教中心', '2025-03-01', 'COMPLETED', '2025-03-01T00:00:00.000Z', '2025-03-01T00:00:00.000Z')`;

describe('DirectedTrainingKind1765290000000', () => {
  const contract = createContractEnv();
  let db: DataSource;

  beforeAll(async () => {
    if (databaseKind(contract.env) === 'mysql') await ensureMysqlDatabase('education', contract.env);
    db = createDataSource({ slug: 'education', entities: [], migrations: [] }, contract.env);
    await db.initialize();
    const runner = db.createQueryRunner();
    await createTables(runner, [releasedTrainingTable()]);
    await runner.release();
    for (const [person, programme] of [
      ['p1', '订单式培训（惠成班）'],
      ['p2', '定向式培训'],
      ['p3', '订单班定向培训'],
      ['p4', '教师职业能力提升培训'],
    ]) {
      await db.query(INSERT, [person, programme]);
    }
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await contract.cleanup('education');
  });

  const kinds = async () =>
    Object.fromEntries(
      (await db.query<Record<string, unknown>[]>('SELECT person_id, directed_kind FROM training ORDER BY id')).map((r) => [
        r.person_id,
        r.directed_kind,
      ]),
    );

  it('adds directed_kind and gives existing trainings the mark their programme name gave them in the county index', async () => {
    const runner = db.createQueryRunner();
    await new DirectedTrainingKind1765290000000().up(runner);
    await runner.release();
    expect(await kinds()).toEqual({ p1: 'ORDER', p2: 'TARGETED', p3: 'ORDER', p4: null });
  });

  it('changes nothing when run again, and leaves later records to their own field', async () => {
    await db.query(`UPDATE training SET directed_kind = NULL WHERE person_id = 'p1'`);
    const runner = db.createQueryRunner();
    await new DirectedTrainingKind1765290000000().up(runner);
    await runner.release();
    expect((await kinds()).p1).toBeNull();
  });
});
