import type { DataSource } from 'typeorm';
import { createDataSource, createTables, databaseKind, ensureMysqlDatabase } from '@hub/subgraph-kit';
import type { TableSpec } from '@hub/subgraph-kit';
import { createContractEnv } from '@hub/subgraph-kit/src/testing';
import { holding } from '@hub/subgraph-county/src/entities/indexTables';
import { HoldingStatus1764892800001 } from './1764892800001-HoldingStatus';

/** The holder index's holding table before it kept status and grade: a revoked certificate was only its revoked_on. */
function releasedHolding(): TableSpec {
  const { status: _status, grade: _grade, ...columns } = holding.columns;
  return { ...holding, columns };
}

const INSERT = `INSERT INTO holding (department, certificate_id, person_id, kind, talent_category, skilled, level_number, occupation_code, issued_on, valid_until, revoked_on, seq)
  VALUES (?, ?, ?, ?, ?, ?, ?, NULL, '2022-01-01', NULL, ?, 1)`;

describe('HoldingStatus migration', () => {
  const contract = createContractEnv();
  let db: DataSource;

  beforeAll(async () => {
    if (databaseKind(contract.env) === 'mysql') await ensureMysqlDatabase('hrss', contract.env);
    db = createDataSource({ slug: 'hrss', entities: [], migrations: [] }, contract.env);
    await db.initialize();
    const runner = db.createQueryRunner();
    await createTables(runner, [releasedHolding()]);
    await runner.release();
    await db.query(INSERT, ['HRSS', '1', 'p1', 'SKILL_LEVEL', 'SKILLED', 1, 2, null]);
    await db.query(INSERT, ['EDUCATION', '1', 'p2', 'VOCATIONAL_QUALIFICATION', 'SKILLED', 1, 4, '2024-03-01']);
    await db.query(INSERT, ['FINANCE', '1', 'p3', 'PROFESSIONAL_TITLE', 'PROFESSIONAL_TECHNICAL', 0, null, null]);
    await db.query(INSERT, ['VETERANS', '1', 'p4', 'SPECIAL_OPERATION', 'SKILLED', 1, null, null]);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await contract.cleanup('hrss');
  });

  it('marks rows with a revocation date REVOKED, the others VALID, and gives each its grade', async () => {
    const runner = db.createQueryRunner();
    await new HoldingStatus1764892800001().up(runner);
    await runner.release();
    const rows: Record<string, unknown>[] = await db.query('SELECT department, status, revoked_on, grade FROM holding ORDER BY department');
    expect(rows.map((r) => [r.department, r.status, r.revoked_on === null ? null : String(r.revoked_on).slice(0, 10), r.grade])).toEqual([
      ['EDUCATION', 'REVOKED', '2024-03-01', 'SKILL_4'],
      ['FINANCE', 'VALID', null, 'UNKNOWN'],
      ['HRSS', 'VALID', null, 'SKILL_2'],
      ['VETERANS', 'VALID', null, null],
    ]);
  });

  it('takes a withdrawal without a date (status CANCELLED, revoked_on NULL) and runs again without change', async () => {
    await db.query(`UPDATE holding SET status = 'CANCELLED' WHERE department = 'FINANCE'`);
    const runner = db.createQueryRunner();
    await new HoldingStatus1764892800001().up(runner);
    await runner.release();
    expect(await db.query(`SELECT status, revoked_on FROM holding WHERE department = 'FINANCE'`)).toEqual([
      { status: 'CANCELLED', revoked_on: null },
    ]);
  });
});
