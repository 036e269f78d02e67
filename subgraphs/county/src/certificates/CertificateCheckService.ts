import type { DataSource } from 'typeorm';
import type { Principal } from '@hub/auth';
import { RateLimiter } from '@hub/runtime';
import { InputError, todayIso } from '@hub/subgraph-kit';
import type { CertificateGrade, CertificateKind, CertificateStatus, Department } from '@hub/vocabulary';
import { normalizeText, withdrawnBy } from '@hub/vocabulary';
import { GraphQLError } from 'graphql';
import type { AuditRepository } from '../repositories/AuditRepository';

export const certificateCheckStatuses = ['VALID', 'REVOKED', 'EXPIRED', 'NOT_FOUND'] as const;
export type CertificateCheckStatus = (typeof certificateCheckStatuses)[number];

/** What 证书查询 answers: whether the certificate stands and what it is; never who holds it beyond the name asked with. */
export interface CertificateCheck {
  status: CertificateCheckStatus;
  kind: CertificateKind | null;
  grade: CertificateGrade | null;
  occupationCode: string | null;
  issuingBody: string | null;
  checkedOn: string;
}

export interface CertificateCheckLimits {
  /** Checks each caller (token subject) may make per minute, sustained; as many at once. */
  perCallerPerMinute: number;
  /**
   * Checks all public dashboard sessions together may make per minute: a session costs nothing to mint, so a budget
   * per session alone would not bound a script that mints one after another.
   */
  publicPerMinute: number;
}

export function certificateCheckLimitsFromEnv(env: NodeJS.ProcessEnv): CertificateCheckLimits {
  const read = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    perCallerPerMinute: read('HUB_CERTIFICATE_CHECKS_PER_MINUTE', 10),
    publicPerMinute: read('HUB_PUBLIC_CERTIFICATE_CHECKS_PER_MINUTE', 60),
  };
}

/** The longest certificate number any department stores; a longer one cannot be on record. */
const NUMBER_LENGTH = 64;
const NAME_LENGTH = 64;

/** A certificate number as the departments store it: NFKC (full-width to ASCII), no spaces, upper case. */
export function certificateNumberKey(text: string): string {
  return normalizeText(text).toUpperCase();
}

/**
 * A name compared as written anywhere: NFKC (full-width letters), no spaces, one middle dot for every variant
 * (买买提·艾力). Characters are compared as written: names are never converted between traditional and simplified.
 */
export function personNameKey(text: string): string {
  return normalizeText(text).replace(/[・•‧∙⋅·.]/g, '·');
}

interface HoldingMatch {
  department: string;
  personId: string;
  kind: string;
  grade: string | null;
  occupationCode: string | null;
  issuingBody: string | null;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  revokedOn: string | null;
}

const day = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

/** What a holding says on `today`: withdrawn (from its date, or on every date while the date is not known), expired, or valid. */
function statusOn(h: HoldingMatch, today: string): CertificateCheckStatus {
  if (h.issuedOn > today) return 'NOT_FOUND';
  if (withdrawnBy(h, today)) return 'REVOKED';
  if (h.validUntil !== null && h.validUntil < today) return 'EXPIRED';
  return 'VALID';
}

/** Where two departments hold the same number for the same person, the graver answer stands: the employer should ask. */
const gravity: Record<CertificateCheckStatus, number> = { REVOKED: 3, EXPIRED: 2, VALID: 1, NOT_FOUND: 0 };

/**
 * 证书查询 for an employer holding a certificate number and a name: the holder index (every department's certificates)
 * answers VALID, REVOKED, EXPIRED or NOT_FOUND with the kind, level, occupation and issuing body. A number on record
 * under another name answers NOT_FOUND exactly as an unknown number does, so the check tells nothing of who holds
 * which number, nor whether a name is on record. Every call is rate-limited per caller and written to the audit log.
 */
export class CertificateCheckService {
  private readonly perCaller: RateLimiter;
  private readonly publicSessions: RateLimiter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    limits: CertificateCheckLimits,
  ) {
    this.perCaller = new RateLimiter(limits.perCallerPerMinute / 60, Math.max(1, Math.floor(limits.perCallerPerMinute)));
    this.publicSessions = new RateLimiter(limits.publicPerMinute / 60, Math.max(1, Math.floor(limits.publicPerMinute)));
  }

  async verify(principal: Principal, requestId: string, certificateNumber: string, name: string): Promise<CertificateCheck> {
    const number = certificateNumberKey(certificateNumber ?? '');
    const wanted = personNameKey(name ?? '');
    if (number === '') throw new InputError('CERTIFICATE_NUMBER_REQUIRED', 'certificateNumber', '请填写证书编号');
    if (wanted === '') throw new InputError('NAME_REQUIRED', 'name', '请填写持证人姓名');
    // The budget is taken before anything is looked up, so a refused call has told nothing.
    const caller = `${principal.role}:${principal.subject}`;
    if (!this.perCaller.take(caller) || (principal.role === 'DASHBOARD' && !this.publicSessions.take('DASHBOARD'))) {
      throw new GraphQLError('证书查询过于频繁，请稍后再试 (too many certificate checks: try again in a minute)', {
        extensions: { code: 'RATE_LIMITED' },
      });
    }
    const today = todayIso();
    const matches = number.length > NUMBER_LENGTH || wanted.length > NAME_LENGTH ? [] : await this.holdings(number);
    // The names are read whether or not the number is on record: the same work either way.
    const names = await this.namesOf(matches.map((m) => m.personId));
    const named = matches.filter((m) => names.get(m.personId)?.has(wanted));
    const found = named.map((h) => ({ h, status: statusOn(h, today) })).sort((a, b) => gravity[b.status] - gravity[a.status])[0];
    const answer: CertificateCheck =
      found && found.status !== 'NOT_FOUND'
        ? {
            status: found.status,
            kind: found.h.kind as CertificateKind,
            grade: (found.h.grade as CertificateGrade | null) ?? null,
            occupationCode: found.h.occupationCode,
            issuingBody: found.h.issuingBody,
            checkedOn: today,
          }
        : { status: 'NOT_FOUND', kind: null, grade: null, occupationCode: null, issuingBody: null, checkedOn: today };
    await this.audit.recordLookup({
      at: new Date().toISOString(),
      subject: principal.subject.slice(0, 128),
      role: principal.role,
      // Kept under the department that recorded the certificate; a miss under the caller's (人社局 for the others).
      department: (found?.h.department as Department | undefined) ?? principal.department ?? 'HRSS',
      personId: answer.status === 'NOT_FOUND' ? '' : found.h.personId,
      field: 'verifyCertificate',
      purpose: `证书查询 编号 ${number.slice(0, NUMBER_LENGTH)}：${answer.status}`,
      requestId: requestId.slice(0, 64),
    });
    return answer;
  }

  private async holdings(number: string): Promise<HoldingMatch[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT department, person_id, kind, grade, occupation_code, issuing_body, issued_on, valid_until, status, revoked_on FROM holding WHERE certificate_number = ?`,
      [number],
    );
    return rows.map((r) => ({
      department: String(r.department),
      personId: String(r.person_id),
      kind: String(r.kind),
      grade: r.grade === null ? null : String(r.grade),
      occupationCode: r.occupation_code === null ? null : String(r.occupation_code),
      issuingBody: r.issuing_body === null || r.issuing_body === undefined ? null : String(r.issuing_body),
      issuedOn: day(r.issued_on)!,
      validUntil: day(r.valid_until),
      // The index stores the feeds' statuses, which the departments' own enum (VALID, REVOKED, CANCELLED) constrains.
      status: String(r.status) as CertificateStatus,
      revokedOn: day(r.revoked_on),
    }));
  }

  /** Every name the departments and the county master give each person. */
  private async namesOf(personIds: string[]): Promise<Map<string, Set<string>>> {
    const ids = personIds.length ? [...new Set(personIds)] : [''];
    const marks = ids.map(() => '?').join(',');
    const rows: { personId: string; name: string }[] = await this.dataSource.query(
      `SELECT person_id AS personId, name FROM person_seen WHERE person_id IN (${marks}) UNION ALL SELECT person_id AS personId, name FROM person_master WHERE person_id IN (${marks})`,
      [...ids, ...ids],
    );
    const out = new Map<string, Set<string>>();
    for (const row of rows) {
      const set = out.get(String(row.personId)) ?? new Set<string>();
      set.add(personNameKey(String(row.name ?? '')));
      out.set(String(row.personId), set);
    }
    return out;
  }
}
