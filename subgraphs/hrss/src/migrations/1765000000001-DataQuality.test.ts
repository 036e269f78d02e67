import { createContractEnv, undoMigrationsThrough } from '@hub/subgraph-kit/src/testing';
import { createHrssSubgraph } from '../server';
import { HolderIndex1764115200001 } from './1764115200001-HolderIndex';

/** An index built before the data-quality columns migrates: statuses from revocations, and every feed replayed. */
describe('DataQuality1765000000001', () => {
  const contract = createContractEnv();
  const hrss = createHrssSubgraph(contract.env);

  beforeAll(() => hrss.init(), 60_000);
  afterAll(async () => {
    await hrss.dataSource.destroy();
    await contract.cleanup('hrss');
  });

  it('adds the columns where they are missing, and replays the feeds from the start', async () => {
    const db = hrss.dataSource;
    const runner = db.createQueryRunner();
    // The index as hrss kept it before the county service took it over (a new installation has dropped it).
    await new HolderIndex1764115200001().up(runner);
    await undoMigrationsThrough(db, 'DataQuality1765000000001');
    expect(await runner.hasColumn('holding', 'certificate_number')).toBe(false);
    const holding =
      'INSERT INTO holding (department, certificate_id, person_id, kind, talent_category, skilled, level_number, occupation_code, issued_on, valid_until, status, revoked_on, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    await db.query(holding, ['EDUCATION', '1', 'p1', 'SKILL_LEVEL', 'SKILLED', 1, 4, null, '2024-01-01', null, 'VALID', null, 17]);
    await db.query(holding, [
      'EDUCATION',
      '2',
      'p1',
      'SKILL_LEVEL',
      'SKILLED',
      1,
      4,
      null,
      '2024-01-01',
      null,
      'REVOKED',
      '2024-06-01',
      18,
    ]);
    await db.query(
      'INSERT INTO feed_cursor (department, last_seq, latest_seq, last_synced_at, last_attempt_at, last_error) VALUES (?, ?, ?, NULL, NULL, NULL)',
      ['EDUCATION', 18, 18],
    );

    await db.runMigrations();

    expect(await runner.hasColumn('holding', 'certificate_number')).toBe(true);
    expect(await runner.hasColumn('person_seen', 'birth_year')).toBe(true);
    expect(await runner.hasTable('import_refusal')).toBe(true);
    await runner.release();
    const rows = await db.query('SELECT certificate_id, status, seq FROM holding ORDER BY certificate_id');
    expect(rows.map((r: Record<string, unknown>) => [String(r.certificate_id), r.status, Number(r.seq)])).toEqual([
      ['1', 'VALID', 0],
      ['2', 'REVOKED', 0],
    ]);
    const [cursor] = await db.query("SELECT last_seq FROM feed_cursor WHERE department = 'EDUCATION'");
    expect(Number(cursor.last_seq)).toBe(0);
  });
});
