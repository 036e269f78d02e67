import { DataSource, EntitySchema, In } from 'typeorm';
import { InQueryCache } from './InQueryCache';

interface Row {
  id: number;
  personId: string;
  issuedOn: string | null;
  level: number | null;
  tags: string[];
}

const RowEntity = new EntitySchema<Row>({
  name: 'Row',
  tableName: 'rows',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    personId: { type: 'varchar', length: 20, name: 'person_id' },
    issuedOn: { type: 'date', nullable: true, name: 'issued_on' },
    level: { type: 'integer', nullable: true },
    // A transformer, as the kit's tables have: the cache must apply it like a find does.
    tags: { type: 'varchar', length: 100, transformer: { to: (v: string[]) => v.join(','), from: (v: string) => (v ? v.split(',') : []) } },
  },
});

describe('InQueryCache', () => {
  let dataSource: DataSource;
  let cache: InQueryCache;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [RowEntity] });
    await dataSource.initialize();
    await dataSource.query(
      'CREATE TABLE rows (id INTEGER PRIMARY KEY AUTOINCREMENT, person_id VARCHAR(20) NOT NULL, issued_on DATE, level INTEGER, tags VARCHAR(100) NOT NULL)',
    );
    await dataSource.getRepository(RowEntity).save([
      { personId: 'a', issuedOn: '2024-01-02', level: 3, tags: ['x', 'y'] },
      { personId: 'a', issuedOn: null, level: null, tags: [] },
      { personId: 'b', issuedOn: '2023-05-06', level: 1, tags: ['z'] },
      { personId: "o'brien", issuedOn: '2022-01-01', level: 2, tags: ['q'] },
    ]);
  });

  afterAll(() => dataSource.destroy());
  beforeEach(() => {
    cache = new InQueryCache(dataSource, 4);
  });

  const byId = (rows: Row[]) => [...rows].sort((x, y) => x.id - y.id);

  it('returns what a find returns, column types and transformers included', async () => {
    for (const keys of [['a'], ['a', 'b'], ['b', 'nobody', "o'brien"], ['a', 'a']]) {
      const expected = await dataSource.getRepository(RowEntity).findBy({ personId: In(keys) });
      expect(byId(await cache.findIn<Row>('Row', 'personId', keys))).toEqual(byId(expected));
    }
    const [row] = await cache.findIn<Row>('Row', 'id', [1]);
    expect(row).toEqual({ id: 1, personId: 'a', issuedOn: '2024-01-02', level: 3, tags: ['x', 'y'] });
  });

  it('builds one text per number of keys and reuses it for other keys', async () => {
    await cache.findIn('Row', 'personId', ['a']);
    await cache.findIn('Row', 'personId', ['b']);
    expect(cache.size).toBe(1);
    expect((await cache.findIn<Row>('Row', 'personId', ['b'])).map((r) => r.personId)).toEqual(['b']);
    await cache.findIn('Row', 'personId', ['a', 'b']);
    expect(cache.size).toBe(2);
  });

  it('keeps at most its limit of texts', async () => {
    for (let n = 1; n <= 10; n++)
      await cache.findIn(
        'Row',
        'id',
        Array.from({ length: n }, (_, i) => i + 1),
      );
    expect(cache.size).toBe(4);
    expect(await cache.findIn<Row>('Row', 'id', [1])).toHaveLength(1);
  });

  it('treats keys as values, never as SQL', async () => {
    expect(await cache.findIn('Row', 'personId', ["a') OR ('1'='1"])).toEqual([]);
    expect(await cache.findIn('Row', 'personId', [])).toEqual([]);
  });
});
