import { goalTarget, planTargets } from './planTargets';

describe('planTargets', () => {
  it('reads the 2025 goals from data/plan-targets.json', () => {
    expect(goalTarget('certificateHolders')).toBe(300000);
    expect(goalTarget('skilledTalents')).toBe(200000);
    expect(goalTarget('midHighSkilledTalents')).toBe(160000);
    expect(goalTarget('holderShareOfEmployed')).toBe(0.8);
  });

  it('throws on an unknown goal key, naming the known ones', () => {
    expect(() => goalTarget('holders')).toThrow(/Unknown plan goal "holders".*certificateHolders/);
  });

  it('types the sections the hub reports against', () => {
    const plan = planTargets();
    expect(plan.period).toEqual({ from: '2022-01-01', to: '2025-12-31' });
    expect(plan.annualChannels.map((c) => c.trained)).toEqual([11000, 10000, 9000]);
    expect(plan.annualCounts.find((c) => c.key === 'apprentices')?.target).toBe(200);
    expect(plan.milestones.filter((m) => m.key === 'evaluationInstitutions').map((m) => [m.year, m.target])).toEqual([
      [2022, 16],
      [2025, 50],
    ]);
    expect(plan.subsidiesYuan.evaluationPerCertificate.amounts.LEVEL_3).toBe(280);
    expect(plan.vouchers.loop).toHaveLength(5);
    expect(plan.reporting.clause).toBe('三(二)');
  });

  it('reads the file once and shares one frozen object', () => {
    const plan = planTargets();
    expect(planTargets()).toBe(plan);
    expect(() => {
      (plan.goals2025[0] as { target: number }).target = 1;
    }).toThrow(TypeError);
    expect(goalTarget('certificateHolders')).toBe(300000);
  });
});
