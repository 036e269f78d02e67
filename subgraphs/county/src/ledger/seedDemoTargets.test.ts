import { townships } from '@hub/vocabulary';
import { countyUnderTest } from '../testing/countyUnderTest';
import { seedDemoTargets } from './seedDemoTargets';

describe('seedDemoTargets', () => {
  const county = countyUnderTest();

  it('gives every township a target and splits the social channel among its departments, once', async () => {
    const { targets } = county.services;
    expect(await seedDemoTargets(targets, 20_000)).toBe(true);
    const book = await targets.book(2025);
    const byTownship = book.rows().filter((r) => r.township !== null);
    expect(byTownship).toHaveLength(townships().length);
    for (const row of byTownship) expect(row.value).toBeGreaterThanOrEqual(Math.round((20_000 * 0.9 * 0.8) / townships().length));
    const social = book.rows().filter((r) => r.channel === 'SOCIAL_RURAL' && r.department !== null && r.measure === 'CERTIFIED');
    expect(social.length).toBeGreaterThan(1);
    expect(await seedDemoTargets(targets, 20_000)).toBe(false);
    expect((await targets.book(2025)).rows()).toHaveLength(book.rows().length);
  });
});
