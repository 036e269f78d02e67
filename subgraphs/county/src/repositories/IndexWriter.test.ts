import { Transactions } from '@hub/subgraph-kit';
import { countyUnderTest, emptyFeeds } from '../testing/countyUnderTest';
import { FeedCursorRepository } from './FeedCursorRepository';
import { IndexGate } from './IndexGate';
import { FeedChange, IndexWriter } from './IndexWriter';

const AT = '2026-06-01T00:00:00.000Z';
const person = (n: number) => `p${String(n).padStart(31, '0')}`;

function certificate(seq: number, id: string, holder: string, issuedOn = '2024-01-01'): FeedChange {
  return {
    seq,
    entity: 'certificate',
    entityId: id,
    personId: holder,
    at: AT,
    record: { personId: holder, kind: 'SKILL_LEVEL', talentCategory: 'SKILLED', level: 'LEVEL_3', issuedOn, status: 'VALID' },
  };
}

function training(seq: number, id: string, holder: string, directedKind?: string | null): FeedChange {
  const record: Record<string, unknown> = {
    personId: holder,
    channel: 'SOCIAL_RURAL',
    targetGroup: 'OTHER',
    startDate: '2025-03-01',
    outcome: 'COMPLETED',
  };
  if (directedKind !== undefined) record.directedKind = directedKind;
  return { seq, entity: 'training', entityId: id, personId: holder, at: AT, record };
}

function described(seq: number, holder: string, name: string, townshipCode: string | null): FeedChange {
  return {
    seq,
    entity: 'person',
    entityId: holder,
    personId: holder,
    at: AT,
    record: { name, idNumberMasked: '410928********', sex: 'FEMALE', birthYear: 1990, townshipCode, updatedAt: AT },
  };
}

/** The holder index's writes from feed pages, on the database the environment names (SQLite, or MariaDB with HUB_DB=mysql). */
describe('IndexWriter', () => {
  const county = countyUnderTest(emptyFeeds);
  const rows = (sql: string, parameters: unknown[] = []) => county.dataSource.query<Record<string, unknown>[]>(sql, parameters);
  const count = async (table: string) => Number((await rows(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('writes a page larger than every statement and IN list, then only the changes newer than what it holds', async () => {
    const { writer } = county.services;
    // 4,500 certificates (past the 4,096 keys of one read, not a multiple of any statement's rows) and 301 persons.
    const page: FeedChange[] = [];
    for (let n = 1; n <= 4500; n++) page.push(certificate(n, `c${n}`, person(n % 700)));
    for (let n = 1; n <= 301; n++) page.push(described(5000 + n, person(n), `人员${n}`, '410928100'));
    await writer.apply('EDUCATION', page, 5301);
    expect(await count('holding')).toBe(4500);
    expect(await count('person_seen')).toBe(301);
    expect(await count('person_master')).toBe(301);
    expect(await rows(`SELECT person_id, seq FROM holding WHERE certificate_id = ?`, ['c4499'])).toEqual([
      { person_id: person(4499 % 700), seq: 4499 },
    ]);

    // c1 again with an older seq is ignored; c2 corrected to another person moves; c9000 is new.
    const touched: string[] = [];
    county.services.gate.onApplied((ids) => touched.push(...(ids === 'everything' ? ['everything'] : ids)));
    await writer.apply(
      'EDUCATION',
      [certificate(1, 'c1', person(999), '2020-01-01'), certificate(6000, 'c2', person(998)), certificate(6001, 'c9000', person(997))],
      6001,
    );
    expect(await count('holding')).toBe(4501);
    expect(
      await rows(`SELECT person_id, issued_on FROM holding WHERE certificate_id IN (?, ?) ORDER BY certificate_id`, ['c1', 'c2']),
    ).toEqual([
      { person_id: person(1), issued_on: '2024-01-01' },
      { person_id: person(998), issued_on: '2024-01-01' },
    ]);
    // The corrected certificate's old and new holders, and the new certificate's: not c1's, which did not change.
    expect(touched.sort()).toEqual([person(2), person(997), person(998)].sort());
    const [change] = await rows(`SELECT COUNT(*) AS n FROM index_change WHERE seq = (SELECT MAX(seq) FROM index_change)`);
    expect(Number(change.n)).toBe(3);
  });

  it('keeps a stored directed mark for a change without directedKind, and merges what two departments said of a person', async () => {
    const { writer } = county.services;
    const holder = person(5);
    await writer.apply('HRSS', [training(1, 't1', holder, 'ORDER'), training(2, 't2', holder, null)], 2);
    await writer.apply('HRSS', [training(3, 't1', holder), training(4, 't2', holder), training(5, 't3', holder)], 5);
    expect(await rows(`SELECT training_id, directed FROM training_fact WHERE department = 'HRSS' ORDER BY training_id`)).toEqual([
      { training_id: 't1', directed: 1 },
      { training_id: 't2', directed: 0 },
      { training_id: 't3', directed: null },
    ]);

    // EDUCATION described the person (first test, with a township); hrss's copy wins the name, the township stays.
    await writer.apply('HRSS', [described(6, holder, '王五', null)], 6);
    expect(await rows(`SELECT name, township_code, departments FROM person_master WHERE person_id = ?`, [holder])).toEqual([
      { name: '王五', township_code: '410928100', departments: 'EDUCATION,HRSS' },
    ]);
  });

  it('applies a page all or nothing: a failure after its rows were written leaves the index, cursor and sequence as they were', async () => {
    const { sequence, cursors } = county.services;
    const transactions = new Transactions(county.dataSource);
    // The cursor moves last but one in the page's transaction: failing there, every row before it must roll back.
    const failing = new (class extends FeedCursorRepository {
      override async advance(): Promise<void> {
        throw new Error('磁盘已满 disk full');
      }
    })(county.dataSource, transactions);
    const writer = new IndexWriter(transactions, new IndexGate(), failing, sequence);
    const before = {
      holding: await count('holding'),
      training: await count('training_fact'),
      seen: await count('person_seen'),
      master: await count('person_master'),
      changes: await count('index_change'),
      step: await sequence.current(),
      cursor: await cursors.cursor('VETERANS'),
      c3: await rows(`SELECT person_id, seq FROM holding WHERE certificate_id = 'c3'`),
    };
    const page = [
      certificate(7000, 'c3', person(996)),
      certificate(7001, 'v1', person(995)),
      training(7002, 'v2', person(995), 'ORDER'),
      described(7003, person(995), '赵六', null),
    ];
    await expect(writer.apply('VETERANS', page, 7003)).rejects.toThrow('disk full');
    await expect(writer.apply('EDUCATION', [certificate(7004, 'c3', person(996))], 7004)).rejects.toThrow('disk full');
    expect({
      holding: await count('holding'),
      training: await count('training_fact'),
      seen: await count('person_seen'),
      master: await count('person_master'),
      changes: await count('index_change'),
      step: await sequence.current(),
      cursor: await cursors.cursor('VETERANS'),
      c3: await rows(`SELECT person_id, seq FROM holding WHERE certificate_id = 'c3'`),
    }).toEqual(before);
  });
});
