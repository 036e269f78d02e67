import type { AnnualTargetRow } from './AnnualTargetRepository';
import { AnnualTargetService, TargetBook } from './AnnualTargetService';

let id = 0;
const row = (effectiveYear: number, value: number | null, scope: Partial<AnnualTargetRow> = {}): AnnualTargetRow => ({
  id: ++id,
  effectiveYear,
  department: 'AGRICULTURE',
  channel: 'SOCIAL_RURAL',
  township: null,
  measure: 'TRAINED',
  value,
  reason: '纪要',
  setBy: 'a (COUNTY_ADMIN)',
  setAt: '2025-01-01T00:00:00.000Z',
  ...scope,
});
const scope = { department: 'AGRICULTURE', channel: 'SOCIAL_RURAL' } as const;

describe('TargetBook', () => {
  it('takes, for each scope, the latest row whose effective year is on or before the year', () => {
    // Set in this order: 2025's figure first, then a correction of 2024's, then 2025's again.
    const rows = [row(2025, 300), row(2024, 100), row(2024, 120), row(2025, 320), row(2027, 500)];
    expect(new TargetBook(2023, rows).value(scope, 'TRAINED')).toBeNull();
    expect(new TargetBook(2024, rows).value(scope, 'TRAINED')).toBe(120);
    expect(new TargetBook(2025, rows).value(scope, 'TRAINED')).toBe(320);
    expect(new TargetBook(2026, rows).value(scope, 'TRAINED')).toBe(320);
    expect(new TargetBook(2027, rows).value(scope, 'TRAINED')).toBe(500);
  });

  it('keeps scopes and measures apart, and a withdrawal ends a target from its year on', () => {
    const rows = [row(2024, 100), row(2024, 40, { measure: 'CERTIFIED' }), row(2024, 7, { department: 'VETERANS' }), row(2026, null)];
    expect(new TargetBook(2025, rows).value(scope, 'CERTIFIED')).toBe(40);
    expect(new TargetBook(2025, rows).value({ department: 'VETERANS', channel: 'SOCIAL_RURAL' }, 'TRAINED')).toBe(7);
    expect(new TargetBook(2025, rows).value({ channel: 'SOCIAL_RURAL' }, 'TRAINED')).toBeNull();
    expect(new TargetBook(2026, rows).value(scope, 'TRAINED')).toBeNull();
  });
});

describe('AnnualTargetService.set', () => {
  const added: unknown[] = [];
  // A stub repository with the two methods set() uses (cast below); the second cast passes an input the type forbids.
  const service = new AnnualTargetService({
    add: async (r: Omit<AnnualTargetRow, 'id'>) => (added.push(r), { ...r, id: 1 }),
    all: async () => [],
  } as never);
  const actor = { subject: 'a', role: 'COUNTY_ADMIN' };

  it('stores a township by its code, and the reason as written', async () => {
    const saved = await service.set(
      { year: 2025, township: ' 渠村 ', measure: 'HOLDERS', value: 10, reason: ' 乡镇目标责任书：第 3 号 ' },
      actor,
    );
    expect(saved).toMatchObject({
      township: '410928213',
      department: null,
      channel: null,
      reason: '乡镇目标责任书：第 3 号',
      setBy: 'a (COUNTY_ADMIN)',
    });
  });

  it.each([
    [{ year: 2025.5 }, 'BAD_YEAR'],
    [{ measure: 'PEOPLE' }, 'BAD_MEASURE'],
    [{ department: 'POLICE' }, 'BAD_DEPARTMENT'],
    [{ channel: 'OTHER' }, 'BAD_CHANNEL'],
    [{ value: 1.5 }, 'BAD_VALUE'],
    // A value left out (GraphQL passes no field) is not a withdrawal: only an explicit null withdraws.
    [{ value: undefined }, 'BAD_VALUE'],
    [{ reason: '。' }, 'REASON_REQUIRED'],
  ])('refuses %p', async (change, code) => {
    await expect(
      service.set(
        {
          year: 2025,
          department: 'AGRICULTURE',
          channel: 'SOCIAL_RURAL',
          measure: 'TRAINED',
          value: 3,
          reason: '会议纪要',
          ...change,
        } as never,
        actor,
      ),
    ).rejects.toMatchObject({ code });
  });
});
