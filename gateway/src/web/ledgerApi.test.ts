import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { dashboardPublicDir } from './dashboardRoutes';
import { gatewayDir } from './staticFiles';

// The ledger page's data module is a browser ES module: evaluated here from its source, exports as plain bindings.
const source = fs.readFileSync(path.join(dashboardPublicDir, 'ledgerApi.js'), 'utf8').replace(/^export /gm, '');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the page's own module, read from the repository
const api = new Function(`${source}\nreturn { parsePeriod, elapsedShare, fetchLedger, PERIOD_QUERY, YEAR_QUERY };`)() as {
  parsePeriod(text: string): { code: string; kind: string; year: number; index: number; from: string; to: string; label: string } | null;
  elapsedShare(date: string, year: number): number;
  fetchLedger(
    period: string,
    today: string,
    post: (body: { operationName: string; query: string; variables: Record<string, unknown> }) => Promise<unknown>,
  ): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- the page's model
  PERIOD_QUERY: string;
  YEAR_QUERY: string;
};

describe('the ledger page data module (gateway/public/dashboard/ledgerApi.js)', () => {
  it('reads the four kinds of period and their first and last days', () => {
    expect(api.parsePeriod('2025-M06')).toMatchObject({
      code: '2025-M06',
      kind: 'M',
      from: '2025-06-01',
      to: '2025-06-30',
      label: '2025年6月',
    });
    expect(api.parsePeriod(' 2025-q2 ')).toMatchObject({ code: '2025-Q2', from: '2025-04-01', to: '2025-06-30', label: '2025年第二季度' });
    expect(api.parsePeriod('2024-H1')).toMatchObject({ from: '2024-01-01', to: '2024-06-30', label: '2024年上半年' });
    expect(api.parsePeriod('2024-M2')).toMatchObject({ code: '2024-M02', to: '2024-02-29' });
    expect(api.parsePeriod('2025')).toMatchObject({ kind: 'Y', from: '2025-01-01', to: '2025-12-31', label: '2025年全年' });
  });

  it('refuses what is not a period', () => {
    for (const bad of ['2025-M13', '2025-M0', '2025-Q5', '2025-Q0', '2025-H3', '2025-W01', '25', '1999', '', 'abc', '2025-Q2; drop'])
      expect([bad, api.parsePeriod(bad)]).toEqual([bad, null]);
  });

  it('measures the share of the year elapsed, leap years included', () => {
    expect(api.elapsedShare('2025-06-30', 2025)).toBe(181 / 365);
    expect(api.elapsedShare('2024-06-30', 2024)).toBe(182 / 366);
    expect(api.elapsedShare('2025-12-31', 2025)).toBe(1);
    expect(api.elapsedShare('2026-03-01', 2025)).toBe(1);
    expect(api.elapsedShare('2024-12-31', 2025)).toBe(0);
  });

  it('asks only for fields the composed API has (the period query once the period API is composed)', () => {
    const schema = Supergraph.build(fs.readFileSync(path.join(gatewayDir, 'supergraph.graphql'), 'utf8'))
      .apiSchema()
      .toGraphQLJSSchema();
    expect(validate(schema, parse(api.YEAR_QUERY)).map((e) => e.message)).toEqual([]);
    const hasPeriodApi = schema
      .getQueryType()!
      .getFields()
      .progressLedger.args.some((a) => a.name === 'period');
    if (hasPeriodApi) expect(validate(schema, parse(api.PERIOD_QUERY)).map((e) => e.message)).toEqual([]);
  });

  it('falls back to the year/quarter API, picks the period’s row and computes pace = ratio ÷ elapsed share', async () => {
    const row = (trained: number, ytd: number, ratio: number | null) => ({
      trained,
      certified: 1,
      certifiedSeniorOrAbove: 0,
      cumulativeTrained: ytd,
      cumulativeCertified: 2,
      cumulativeCertifiedSeniorOrAbove: 0,
      trainedRatio: ratio,
      certifiedRatio: 0.5,
      certifiedSeniorOrAboveRatio: null,
    });
    const zero = row(0, 0, 0);
    const channel = {
      channel: 'ENTERPRISE',
      label: '企业职工',
      targets: { trained: 100, certified: 4, certifiedSeniorOrAbove: 0 },
      total: zero,
      months: Array.from({ length: 12 }, () => zero),
      quarters: [zero, row(30, 60, 0.6), zero, zero],
      byDepartment: [
        {
          department: 'HRSS',
          label: '人社局',
          total: zero,
          months: Array.from({ length: 12 }, () => zero),
          quarters: [zero, row(30, 60, null), zero, zero],
        },
      ],
    };
    const count = {
      key: 'apprentices',
      label: '学徒',
      value: 0,
      yearToDate: 0,
      annualTarget: 200,
      ratio: 0,
      months: [
        { month: '2025-04', value: 20 },
        { month: '2025-07', value: 5 },
      ],
    };
    const asked: string[] = [];
    const post = async (body: { operationName: string }) => {
      asked.push(body.operationName);
      if (body.operationName === 'DashboardLedgerPeriod')
        return { errors: [{ message: 'Unknown argument "period"', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] };
      return {
        data: {
          progressLedger: {
            channels: [channel],
            apprentices: count,
            directedTraining: count,
            certifiedEmployment: count,
            newUrbanJobs: count,
          },
          countyProgress: { byTownship: [{ key: '410928100', label: '城关镇', holders: 40 }] },
        },
      };
    };
    const ledger = await api.fetchLedger('2025-Q2', '2025-08-01', post);
    expect(asked).toEqual(['DashboardLedgerPeriod', 'DashboardLedgerYear']);
    const share = 181 / 365;
    expect(ledger.asOf).toBe('2025-06-30');
    expect(ledger.channels[0].measures.trained).toEqual({ value: 30, yearToDate: 60, target: 100, ratio: 0.6, pace: 0.6 / share });
    expect(ledger.channels[0].lagging).toBe(false);
    expect(ledger.departments[0]).toMatchObject({ id: 'HRSS:ENTERPRISE', lagging: false });
    expect(ledger.departments[0].measures.trained).toMatchObject({ target: null, ratio: null, pace: null });
    expect(ledger.counts[0]).toMatchObject({ value: 20, yearToDate: 20, target: 200, ratio: 0.1, lagging: true });
    expect(ledger.townships[0]).toMatchObject({ holders: 40, target: null, pace: null, lagging: false });
    // Once the period API has been found missing, it is not asked again.
    await api.fetchLedger('2025-M03', '2025-08-01', post);
    expect(asked.slice(2)).toEqual(['DashboardLedgerYear']);
    await expect(api.fetchLedger('2025-Q9', '2025-08-01', post)).rejects.toThrow('无效');
  });
});
