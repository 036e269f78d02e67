import { databaseKind } from '@hub/subgraph-kit';
import { countyUnderTest, emptyFeeds } from '../testing/countyUnderTest';
import { indexChange } from '../entities/sequenceTables';
import { personMaster } from '../entities/indexTables';
import { IndexStatements } from './IndexStatements';

/** The index's bulk statements, on the database the environment names (SQLite, or MariaDB with HUB_DB=mysql). */
describe('IndexStatements', () => {
  const county = countyUnderTest(emptyFeeds);
  const statements = new IndexStatements();
  const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `p${String(from + i).padStart(31, '0')}`);

  it('reads every key once for lists of any length, past one statement’s keys, with keys that match nothing', async () => {
    const stored = ids(5000);
    await county.dataSource.transaction((manager) =>
      statements.insert(
        manager,
        indexChange,
        stored.map((personId) => ({ seq: 1, personId })),
      ),
    );
    for (const n of [1, 7, 9, 300, 4096, 4097, 5000]) {
      // Half the keys asked for exist; the other half do not.
      const asked = [...stored.slice(0, Math.ceil(n / 2)), ...ids(Math.floor(n / 2), 90_000)];
      const rows = await county.dataSource.transaction((manager) =>
        statements.selectIn(manager, { columns: 'person_id', table: 'index_change', where: 'seq = ?', keyColumn: 'person_id' }, [1], asked),
      );
      expect(rows.map((r) => r.person_id).sort()).toEqual(stored.slice(0, Math.ceil(n / 2)));
    }
  });

  it('upserts: inserts new keys, overwrites every other column of a stored key, and writes a missing property as NULL', async () => {
    const [a, b] = ids(2, 100_000);
    const master = {
      name: '张三',
      idNumberMasked: '410928********',
      sex: 'MALE',
      birthYear: 1980,
      townshipCode: '410928100',
      departments: 'HRSS',
    };
    // An odd number of rows of many sizes: every batch and remainder shape is written once.
    const many = ids(301, 200_000).map((personId) => ({ ...master, personId }));
    await county.dataSource.transaction(async (manager) => {
      await statements.upsert(manager, personMaster, [{ ...master, personId: a }, { ...master, personId: b }, ...many]);
      await statements.upsert(manager, personMaster, [{ ...master, personId: a, name: '李四', birthYear: undefined, townshipCode: null }]);
    });
    const rows = await county.dataSource.query(
      `SELECT person_id, name, birth_year, township_code FROM person_master WHERE person_id IN (?, ?) ORDER BY person_id`,
      [a, b],
    );
    expect(rows).toEqual([
      { person_id: a, name: '李四', birth_year: null, township_code: null },
      { person_id: b, name: '张三', birth_year: 1980, township_code: '410928100' },
    ]);
    const [{ n }] = await county.dataSource.query(`SELECT COUNT(*) AS n FROM person_master WHERE person_id >= ?`, [many[0].personId]);
    expect(Number(n)).toBe(301);
  });

  it('refuses to write on SQLite outside a transaction, where each statement would commit on its own', async () => {
    if (databaseKind() !== 'sqlite') return;
    await expect(statements.insert(county.dataSource.manager, indexChange, [{ seq: 2, personId: ids(1)[0] }])).rejects.toThrow(
      'runs in a transaction',
    );
    const [{ n }] = await county.dataSource.query(`SELECT COUNT(*) AS n FROM index_change WHERE seq = 2`);
    expect(Number(n)).toBe(0);
  });
});
