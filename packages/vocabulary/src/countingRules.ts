import { isWithdrawn, kindInfo, levelNumber } from './enums';
import type { CertificateKind, CertificateStatus, SkillLevel } from './enums';

/** The fields of a certificate that decide on which dates it counts. */
export interface CountableDates {
  /** YYYY-MM-DD */
  issuedOn: string;
  /** YYYY-MM-DD, the last day it is valid; null for long-term certificates. */
  validUntil: string | null;
  status: CertificateStatus;
  /** YYYY-MM-DD, the first day a withdrawn (REVOKED/CANCELLED) certificate no longer counts; null when not withdrawn or the date is not known. */
  revokedOn: string | null;
}

/** The fields of a certificate that decide whether and how it counts. */
export interface CountableCertificate extends CountableDates {
  kind: CertificateKind;
  level: SkillLevel | null;
}

const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

// ISO dates compare correctly as strings only when they really are YYYY-MM-DD.
function checkDate(value: string, field: string): void {
  if (!isoDate.test(value)) throw new RangeError(`${field} must be an ISO date YYYY-MM-DD, got "${value}"`);
}

/**
 * Withdrawn (撤销/注销) by asOf: from its revokedOn on, or on every date while that date is not known.
 */
export function withdrawnBy(cert: Pick<CountableDates, 'status' | 'revokedOn'>, asOf: string): boolean {
  if (!isWithdrawn(cert.status)) return false;
  if (cert.revokedOn === null) return true;
  checkDate(cert.revokedOn, 'revokedOn');
  return cert.revokedOn <= asOf;
}

/**
 * Counts on asOf: issued on or before it, not withdrawn by it, and valid through it (validUntil inclusive).
 * A withdrawn certificate (撤销/注销) counts up to the day before its revokedOn; while that date is not known it
 * counts on no date at all, since the county reports only what it can show to be valid.
 */
export function countsOn(cert: CountableDates, asOf: string): boolean {
  checkDate(asOf, 'asOf');
  checkDate(cert.issuedOn, 'issuedOn');
  if (cert.validUntil !== null) checkDate(cert.validUntil, 'validUntil');
  if (withdrawnBy(cert, asOf)) return false;
  if (cert.issuedOn > asOf) return false;
  return cert.validUntil === null || cert.validUntil >= asOf;
}

/** Choices the plan leaves open; docs/architecture.md documents the defaults. */
export interface CountingPolicy {
  /** Whether 特种作业/特种设备/专项职业能力 certificates (no level) count as 中高级. */
  unlevelledSkilledCountsAsMidHigh: boolean;
}

/** Unlevelled skilled kinds count as 技能人才 but not as 中高级, since nothing shows they reach 四级. */
export const defaultCountingPolicy: Readonly<CountingPolicy> = Object.freeze({ unlevelledSkilledCountsAsMidHigh: false });

/** Counts toward 技能人才: the five skilled kinds. */
export function isSkilled(kind: CertificateKind): boolean {
  return kindInfo[kind].skilled;
}

/** Counts toward 中高级技能人才: a skilled certificate at 四级/中级工 or above (LEVEL_1..LEVEL_4). */
export function isMidHigh(kind: CertificateKind, level: SkillLevel | null, policy: CountingPolicy = defaultCountingPolicy): boolean {
  const info = kindInfo[kind];
  if (!info.skilled) return false;
  if (!info.levelled) return policy.unlevelledSkilledCountsAsMidHigh;
  return level !== null && levelNumber(level) <= 4;
}

/** Counts toward 高技能人才: a levelled skilled certificate at 三级/高级工 or above (LEVEL_1..LEVEL_3). */
export function isHighSkilled(kind: CertificateKind, level: SkillLevel | null): boolean {
  const info = kindInfo[kind];
  return info.skilled && info.levelled && level !== null && levelNumber(level) <= 3;
}
