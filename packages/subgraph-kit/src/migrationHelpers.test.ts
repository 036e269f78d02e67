import type { DataSource } from 'typeorm';
import { coreTableSpecs } from './coreTables';
import { createDataSource, databaseKind, ensureMysqlDatabase } from './createDataSource';
import { createTables, migrateCertificateGrades, revertCertificateGrades } from './migrationHelpers';
import type { TableSpec } from './tableSpec';
import { createContractEnv } from './testing/createContractEnv';

/** The certificate table as first released: a skill level only, no grade, a status of at most 8 characters. */
function releasedCertificateTable(): TableSpec {
  const spec = coreTableSpecs().certificate;
  const { grade: _grade, gradeWritten: _written, ...columns } = spec.columns;
  return { ...spec, columns: { ...columns, status: { ...columns.status, length: 8 } } };
}

const row = (n: number, kind: string, level: string | null, status = 'VALID', revokedOn: string | null = null) => [
  `p${n}`,
  kind,
  'SKILLED',
  level,
  `C-${n}`,
  '发证机构',
  '2023-01-01',
  status,
  revokedOn,
  '2024-01-01T00:00:00.000Z',
  '2024-01-01T00:00:00.000Z',
];
const INSERT = `INSERT INTO certificate (person_id, kind, talent_category, level, certificate_number, issuing_body, issued_on, status, revoked_on, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

describe('migrateCertificateGrades', () => {
  const contract = createContractEnv();
  let db: DataSource;

  beforeAll(async () => {
    if (databaseKind(contract.env) === 'mysql') await ensureMysqlDatabase('finance', contract.env);
    db = createDataSource({ slug: 'finance', entities: [], migrations: [] }, contract.env);
    await db.initialize();
    const runner = db.createQueryRunner();
    await createTables(runner, [releasedCertificateTable()]);
    await runner.release();
    const rows = [
      row(1, 'SKILL_LEVEL', 'LEVEL_3'),
      row(2, 'VOCATIONAL_QUALIFICATION', 'LEVEL_1'),
      row(3, 'SKILL_LEVEL', 'LEVEL_5', 'REVOKED', '2024-02-01'),
      row(4, 'PROFESSIONAL_TITLE', null),
      row(5, 'SOCIAL_WORKER', null),
      row(6, 'SPECIAL_OPERATION', null),
      row(7, 'RURAL_PRACTICAL', null),
    ];
    for (const values of rows) await db.query(INSERT, values);
  }, 60_000);

  afterAll(async () => {
    await db?.destroy();
    await contract.cleanup('finance');
  });

  const grades = async () =>
    Object.fromEntries(
      (
        await db.query<Record<string, unknown>[]>(
          'SELECT certificate_number, level, grade, grade_written, status, revoked_on FROM certificate ORDER BY id',
        )
      ).map((r) => [
        r.certificate_number,
        [r.level, r.grade, r.grade_written, r.status, r.revoked_on === null ? null : String(r.revoked_on).slice(0, 10)],
      ]),
    );

  it('maps existing skill levels to the skill ladder, marks titles and social work UNKNOWN, and leaves kinds without levels null', async () => {
    const runner = db.createQueryRunner();
    await migrateCertificateGrades(runner);
    await runner.release();
    expect(await grades()).toEqual({
      'C-1': ['LEVEL_3', 'SKILL_3', null, 'VALID', null],
      'C-2': ['LEVEL_1', 'SKILL_1', null, 'VALID', null],
      'C-3': ['LEVEL_5', 'SKILL_5', null, 'REVOKED', '2024-02-01'],
      'C-4': [null, 'UNKNOWN', null, 'VALID', null],
      'C-5': [null, 'UNKNOWN', null, 'VALID', null],
      'C-6': [null, null, null, 'VALID', null],
      'C-7': [null, null, null, 'VALID', null],
    });
  });

  it('makes room for CANCELLED and a withdrawal without a date, and a second run changes nothing', async () => {
    await db.query(INSERT, row(8, 'PROFESSIONAL_TITLE', null, 'CANCELLED', null));
    await db.query(`UPDATE certificate SET grade = 'TITLE_INTERMEDIATE', grade_written = '中级' WHERE certificate_number = 'C-8'`);
    const before = await grades();
    const runner = db.createQueryRunner();
    await migrateCertificateGrades(runner);
    await runner.release();
    expect(await grades()).toEqual(before);
    expect(before['C-8']).toEqual([null, 'TITLE_INTERMEDIATE', '中级', 'CANCELLED', null]);
  });

  it('reverts to the released columns', async () => {
    const runner = db.createQueryRunner();
    await revertCertificateGrades(runner);
    const table = await runner.getTable('certificate');
    await runner.release();
    expect(table?.columns.map((c) => c.name)).not.toEqual(expect.arrayContaining(['grade']));
    expect(table?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['level', 'status']));
  });
});
