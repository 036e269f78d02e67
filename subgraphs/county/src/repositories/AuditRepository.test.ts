import { Transactions } from '@hub/subgraph-kit';
import { Department } from '@hub/vocabulary';
import { countyUnderTest, emptyFeeds } from '../testing/countyUnderTest';
import { AuditRepository } from './AuditRepository';

const lookup = (n: number, department: Department = 'HRSS') => ({
  at: `2026-06-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
  subject: `clerk-${n}`,
  role: 'COUNTY_ADMIN',
  department,
  personId: `p${String(n).padStart(31, '0')}`,
  field: 'lookupByIdNumber',
  purpose: `核查 ${n}`,
  requestId: `req-${n}`,
});

/** Lookups by ID number written by the county service itself, on the database the environment names (SQLite, or MariaDB with HUB_DB=mysql). */
describe('AuditRepository.recordLookup', () => {
  const county = countyUnderTest(emptyFeeds);
  const rows = (department: string) =>
    county.dataSource.query<{ seq: number | string; subject: string; request_id: string; purpose: string }[]>(
      'SELECT seq, subject, request_id, purpose FROM audit_entry WHERE department = ? ORDER BY seq DESC',
      [department],
    );

  it('gives concurrent lookups the next negative numbers, one each, with every field kept', async () => {
    const { audit } = county.services;
    await Promise.all(Array.from({ length: 25 }, (_, i) => audit.recordLookup(lookup(i + 1))));
    const written = await rows('HRSS');
    expect(written.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => -(i + 1)));
    expect(new Set(written.map((r) => r.request_id)).size).toBe(25);
    const first = written.find((r) => r.request_id === 'req-1');
    expect(first).toMatchObject({ subject: 'clerk-1', purpose: '核查 1' });
  });

  it('numbers each department on its own and leaves the feeds’ positive numbers alone', async () => {
    await county.dataSource.query(
      `INSERT INTO audit_entry (department, seq, at, subject, role, person_id, field, purpose, request_id) VALUES ('EDUCATION', 7, ?, 's', 'COUNTY_ADMIN', 'p', 'idNumber', 'x', 'r')`,
      ['2026-06-01T00:00:00.000Z'],
    );
    await county.services.audit.recordLookup(lookup(100, 'EDUCATION'));
    await county.services.audit.recordLookup(lookup(101, 'EDUCATION'));
    expect((await rows('EDUCATION')).map((r) => Number(r.seq))).toEqual([7, -1, -2]);
  });

  it('takes the next number when another replica took the same one first', async () => {
    // A second repository on the same database stands for another replica of the county service.
    const replica = new AuditRepository(county.dataSource, new Transactions(county.dataSource));
    const { audit } = county.services;
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => audit.recordLookup(lookup(200 + i, 'VETERANS'))),
      ...Array.from({ length: 10 }, (_, i) => replica.recordLookup(lookup(300 + i, 'VETERANS'))),
    ]);
    const seqs = (await rows('VETERANS')).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => -(i + 1)));
  });
});
