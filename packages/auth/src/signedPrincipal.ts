import { createHmac, timingSafeEqual } from 'node:crypto';
import { departments, Department } from '@hub/vocabulary';
import { isRole, Principal } from './Principal';

/** Header carrying the verified identity from the gateway (or a service) to a subgraph. */
export const PRINCIPAL_HEADER = 'x-hub-principal';

/** How long a signed header stays valid: long enough for one request, too short to replay later. */
export const PRINCIPAL_MAX_AGE_MS = 60_000;

interface Envelope {
  sub: string;
  role: string;
  dept?: string;
  /** Issued at, ms since the epoch. */
  iat: number;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/** `v1.<payload>.<hmac>`, both base64url: the subgraphs check it with the shared signing key. */
export function signPrincipal(principal: Principal, key: Buffer, now = Date.now()): string {
  const envelope: Envelope = { sub: principal.subject, role: principal.role, iat: now };
  if (principal.department) envelope.dept = principal.department;
  const payload = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `v1.${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The principal in a signed header, or null when it is missing, forged, malformed or too old. */
export function verifyPrincipal(header: string | undefined, key: Buffer, now = Date.now()): Principal | null {
  if (!header) return null;
  const parts = header.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1') return null;
  const [, payload, signature] = parts;
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof envelope.iat !== 'number' || Math.abs(now - envelope.iat) > PRINCIPAL_MAX_AGE_MS) return null;
  if (!isRole(envelope.role) || typeof envelope.sub !== 'string') return null;
  const principal: Principal = { subject: envelope.sub, role: envelope.role };
  if (envelope.dept !== undefined) {
    if (!(departments as readonly string[]).includes(envelope.dept)) return null;
    principal.department = envelope.dept as Department;
  }
  if (principal.role === 'DEPARTMENT_STAFF' && !principal.department) return null;
  return principal;
}
