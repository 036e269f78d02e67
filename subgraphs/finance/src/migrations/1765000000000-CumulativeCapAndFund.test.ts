import { createContractEnv, undoMigrationsThrough } from '@hub/subgraph-kit/src/testing';
import { createFinanceSubgraph } from '../server';

/** Existing ledgers migrate: yearly employer totals become one cumulative total, fund_entry sums become fund_balance. */
describe('CumulativeCapAndFund1765000000000', () => {
  const contract = createContractEnv();
  const finance = createFinanceSubgraph(contract.env);

  beforeAll(() => finance.init(), 60_000);
  afterAll(async () => {
    await finance.dataSource.destroy();
    await contract.cleanup('finance');
  });

  it('adds an employer’s yearly totals into one, sums the ledger per programme and year, and renames the cap rule', async () => {
    const db = finance.dataSource;
    await undoMigrationsThrough(db, 'CumulativeCapAndFund1765000000000');
    const at = '2024-05-01T00:00:00.000Z';
    await db.query(
      'INSERT INTO employer_year_total (employer_code, year, total_fen, claims, updated_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)',
      ['QY-A', 2023, 150000000, 1500, at, 'QY-A', 2024, 100000000, 1000, at, 'QY-B', 2024, 100000, 1, at],
    );
    const entry =
      'INSERT INTO fund_entry (programme, year, amount_fen, direction, payee, who, role, why, reference, at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?)';
    await db.query(entry, ['EVALUATION', 2024, 24000, 'OUT', 'clerk', 'DEPARTMENT_STAFF', '评价补贴', at]);
    await db.query(entry, ['EVALUATION', 2024, 10000, 'IN', 'clerk', 'DEPARTMENT_STAFF', '拨付', at]);
    await db.query(entry, ['REFERRAL', 2023, 90000, 'IN', 'clerk', 'DEPARTMENT_STAFF', '拨付', at]);

    await db.runMigrations();

    const totals = await db.query('SELECT employer_code, total_fen, claims FROM employer_hiring_total ORDER BY employer_code');
    expect(totals.map((r: Record<string, unknown>) => [r.employer_code, Number(r.total_fen), Number(r.claims)])).toEqual([
      ['QY-A', 250000000, 2500],
      ['QY-B', 100000, 1],
    ]);
    const balances = await db.query('SELECT programme, year, in_fen, out_fen FROM fund_balance ORDER BY programme, year');
    expect(balances.map((r: Record<string, unknown>) => [r.programme, Number(r.year), Number(r.in_fen), Number(r.out_fen)])).toEqual([
      ['EVALUATION', 2024, 10000, 24000],
      ['REFERRAL', 2023, 90000, 0],
    ]);
    const keys = await db.query("SELECT DISTINCT rule_key FROM subsidy_rule WHERE programme = 'HIRING' AND rule_key LIKE 'CAP%'");
    expect(keys.map((r: Record<string, unknown>) => r.rule_key)).toEqual(['CAP_PER_EMPLOYER']);
    expect(await db.createQueryRunner().hasTable('employer_year_total')).toBe(false);
  });
});
