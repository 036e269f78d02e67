import { countsOn, defaultCountingPolicy, isHighSkilled, isMidHigh, isSkilled } from './countingRules';
import type { CountableCertificate } from './countingRules';
import { certificateKinds, skillLevels } from './enums';
import type { CertificateKind, SkillLevel } from './enums';

const asOf = '2024-06-30';
const base: CountableCertificate = {
  kind: 'SPECIAL_OPERATION',
  level: null,
  issuedOn: '2021-06-30',
  validUntil: '2027-06-29',
  status: 'VALID',
  revokedOn: null,
};

describe('countsOn', () => {
  it('counts a valid certificate issued before the date', () => {
    expect(countsOn(base, asOf)).toBe(true);
  });

  it('counts a certificate on the day it is issued but not the day before', () => {
    expect(countsOn({ ...base, issuedOn: asOf }, asOf)).toBe(true);
    expect(countsOn({ ...base, issuedOn: '2024-07-01' }, asOf)).toBe(false);
  });

  it('counts a certificate through its validUntil day and not after', () => {
    expect(countsOn({ ...base, validUntil: asOf }, asOf)).toBe(true);
    expect(countsOn({ ...base, validUntil: '2024-06-29' }, asOf)).toBe(false);
  });

  it('counts a long-term certificate (validUntil null) indefinitely', () => {
    expect(countsOn({ ...base, validUntil: null }, '2099-12-31')).toBe(true);
  });

  it.each(['REVOKED', 'CANCELLED'] as const)('never counts a %s certificate whose withdrawal date is not known', (status) => {
    expect(countsOn({ ...base, status }, asOf)).toBe(false);
    expect(countsOn({ ...base, status, validUntil: null }, '2021-07-01')).toBe(false);
    expect(countsOn({ ...base, status, validUntil: null }, '2099-12-31')).toBe(false);
  });

  it.each(['REVOKED', 'CANCELLED'] as const)('counts a %s certificate up to the day before its withdrawal date', (status) => {
    const withdrawn = { ...base, status, revokedOn: '2024-03-01' };
    expect(countsOn(withdrawn, '2024-02-29')).toBe(true);
    expect(countsOn(withdrawn, '2024-03-01')).toBe(false);
    expect(countsOn(withdrawn, asOf)).toBe(false);
  });

  it('ignores a withdrawal date on a valid certificate and rejects a malformed one on a withdrawn certificate', () => {
    expect(countsOn({ ...base, revokedOn: '2022-01-01' }, asOf)).toBe(true);
    expect(() => countsOn({ ...base, status: 'REVOKED', revokedOn: '2024/03/01' }, asOf)).toThrow(/revokedOn/);
  });

  it('compares across month and year ends as dates', () => {
    expect(countsOn({ ...base, issuedOn: '2023-12-31', validUntil: '2024-01-01' }, '2024-01-01')).toBe(true);
    expect(countsOn({ ...base, issuedOn: '2023-12-31', validUntil: '2024-01-01' }, '2024-01-02')).toBe(false);
  });

  it('rejects dates that are not YYYY-MM-DD rather than compare them as text', () => {
    expect(() => countsOn(base, '2024-6-30')).toThrow(RangeError);
    expect(() => countsOn({ ...base, issuedOn: '2021/06/30' }, asOf)).toThrow(/issuedOn/);
    expect(() => countsOn({ ...base, validUntil: '2027-13-01' }, asOf)).toThrow(/validUntil/);
  });
});

const levelled: CertificateKind[] = ['VOCATIONAL_QUALIFICATION', 'SKILL_LEVEL'];
const unlevelledSkilled: CertificateKind[] = ['SPECIAL_OPERATION', 'SPECIAL_EQUIPMENT', 'SPECIAL_ABILITY'];
const notSkilled: CertificateKind[] = ['PROFESSIONAL_TITLE', 'SOCIAL_WORKER', 'RURAL_PRACTICAL', 'MANAGEMENT'];
const countsAsMidHigh = { unlevelledSkilledCountsAsMidHigh: true };

describe('isSkilled', () => {
  it('is true for exactly the five skilled kinds', () => {
    expect(certificateKinds.filter(isSkilled)).toEqual([...levelled, ...unlevelledSkilled]);
  });
});

describe('isMidHigh and isHighSkilled', () => {
  const table: ReadonlyArray<readonly [SkillLevel, boolean, boolean]> = [
    ['LEVEL_1', true, true],
    ['LEVEL_2', true, true],
    ['LEVEL_3', true, true],
    ['LEVEL_4', true, false],
    ['LEVEL_5', false, false],
  ];

  it('covers every skill level', () => {
    expect(table.map(([level]) => level)).toEqual([...skillLevels]);
  });

  describe.each(levelled)('%s', (kind) => {
    it.each(table)('at %s is mid-high %s and high-skilled %s, under either policy', (level, midHigh, high) => {
      expect(isMidHigh(kind, level)).toBe(midHigh);
      expect(isMidHigh(kind, level, countsAsMidHigh)).toBe(midHigh);
      expect(isHighSkilled(kind, level)).toBe(high);
    });

    it('without a recorded level is neither', () => {
      expect(isMidHigh(kind, null, countsAsMidHigh)).toBe(false);
      expect(isHighSkilled(kind, null)).toBe(false);
    });
  });

  it.each(unlevelledSkilled)('%s is mid-high only when the policy says so, and never high-skilled', (kind) => {
    expect(isMidHigh(kind, null)).toBe(false);
    expect(isMidHigh(kind, null, defaultCountingPolicy)).toBe(false);
    expect(isMidHigh(kind, null, countsAsMidHigh)).toBe(true);
    expect(isHighSkilled(kind, null)).toBe(false);
    expect(isHighSkilled(kind, 'LEVEL_1')).toBe(false);
  });

  it.each(notSkilled)('%s is never mid-high or high-skilled, whatever its level or the policy', (kind) => {
    for (const level of [null, ...skillLevels]) {
      expect(isMidHigh(kind, level, countsAsMidHigh)).toBe(false);
      expect(isHighSkilled(kind, level)).toBe(false);
    }
  });

  it('defaults to not counting unlevelled skilled kinds as 中高级, as docs/architecture.md states', () => {
    expect(defaultCountingPolicy.unlevelledSkilledCountsAsMidHigh).toBe(false);
  });
});
