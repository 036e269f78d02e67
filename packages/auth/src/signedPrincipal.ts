import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { departments, Department } from '@hub/vocabulary';
import { isRole, Principal } from './Principal';

/** Header carrying the verified identity from the gateway (or a service) to a subgraph, bound to one call. */
export const PRINCIPAL_HEADER = 'x-hub-principal';

/** How long a signed call stays valid after it was signed: one request's way, never a later replay. */
export const PRINCIPAL_LIFETIME_MS = 10_000;

/** Clock difference tolerated between the signer's host and the subgraph's, in both directions. */
export const PRINCIPAL_CLOCK_SKEW_MS = 5_000;

/** One call a signature is bound to: who it is for, and what exactly is asked. */
export interface SignedCall {
  /** The service called, by its name in the supergraph (`hrss`, `civil-affairs`, …). */
  audience: string;
  /** HTTP method, e.g. POST. */
  method: string;
  /** Path with the query string, as sent on the request line (`/changes?after=0&limit=5000`). */
  path: string;
}

/** What a verified header says: who calls, which body it covers, and until when its nonce must be remembered. */
export interface VerifiedCall {
  principal: Principal;
  /** SHA-256 of the exact body bytes, base64url; compared with the body once it is read. */
  bodyDigest: string;
  nonce: string;
  /** After this moment (ms) the header is refused as too old anyway: the nonce may be forgotten. */
  expiresAt: number;
}

interface Envelope {
  sub: string;
  role: string;
  dept?: string;
  aud: string;
  mth: string;
  pth: string;
  /** SHA-256 of the body, base64url. */
  dig: string;
  /** Issued at, ms since the epoch. */
  iat: number;
  /** Unique per signed call: the subgraph refuses to see it twice. */
  jti: string;
}

/** SHA-256 of the exact bytes of a body, base64url (a missing body is the empty one). */
export function bodyDigest(body: string | Uint8Array | undefined): string {
  return createHash('sha256')
    .update(body ?? '')
    .digest('base64url');
}

export const EMPTY_BODY_DIGEST = bodyDigest('');

// A random prefix per process and a counter: unique across signers without a random draw per call.
const noncePrefix = randomBytes(12).toString('base64url');
let nonceCounter = 0;
function nextNonce(): string {
  nonceCounter = (nonceCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${noncePrefix}${nonceCounter.toString(36)}`;
}

function mac(key: Buffer, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

/**
 * `v2.<payload>.<hmac>`, both base64url. The payload names the principal, the audience, the method,
 * the path with its query, the body's SHA-256, the time and a nonce, so a captured header is good for
 * that one call, once, for a few seconds.
 */
export function signCall(principal: Principal, key: Buffer, call: SignedCall & { body?: string | Uint8Array }, now = Date.now()): string {
  return signCallDigest(principal, key, call, bodyDigest(call.body), now);
}

/** As signCall, for a body whose digest is already known (e.g. hashed while it streamed). */
export function signCallDigest(principal: Principal, key: Buffer, call: SignedCall, digest: string, now = Date.now()): string {
  const envelope: Envelope = {
    sub: principal.subject,
    role: principal.role,
    aud: call.audience,
    mth: call.method.toUpperCase(),
    pth: call.path,
    dig: digest,
    iat: now,
    jti: nextNonce(),
  };
  if (principal.department) envelope.dept = principal.department;
  const payload = Buffer.from(JSON.stringify(envelope)).toString('base64url');
  return `v2.${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The path with query of a URL, as undici and fetch put it on the request line. */
export function requestPath(url: string | URL): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * The call a signed header allows, or null when it is missing, forged, malformed, for another service,
 * method or path, too old or dated in the future. The body digest is returned for the caller to
 * compare once the body is read; the nonce for it to refuse a second sight (see NonceLedger).
 */
export function verifyCall(header: string | undefined, key: Buffer, call: SignedCall, now = Date.now()): VerifiedCall | null {
  if (!header) return null;
  const parts = header.split('.');
  if (parts.length !== 3 || parts[0] !== 'v2') return null;
  const [, payload, signature] = parts;
  const expected = mac(key, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let envelope: Envelope;
  try {
    envelope = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Envelope;
  } catch {
    return null;
  }
  if (envelope === null || typeof envelope !== 'object') return null;
  if (typeof envelope.iat !== 'number' || !Number.isFinite(envelope.iat)) return null;
  if (envelope.iat > now + PRINCIPAL_CLOCK_SKEW_MS || now - envelope.iat > PRINCIPAL_LIFETIME_MS + PRINCIPAL_CLOCK_SKEW_MS) return null;
  if (envelope.aud !== call.audience || envelope.mth !== call.method.toUpperCase() || envelope.pth !== call.path) return null;
  if (typeof envelope.dig !== 'string' || typeof envelope.jti !== 'string' || envelope.jti.length === 0 || envelope.jti.length > 64)
    return null;
  if (!isRole(envelope.role) || typeof envelope.sub !== 'string') return null;
  const principal: Principal = { subject: envelope.sub, role: envelope.role };
  if (envelope.dept !== undefined) {
    if (!(departments as readonly string[]).includes(envelope.dept)) return null;
    principal.department = envelope.dept as Department;
  }
  if (principal.role === 'DEPARTMENT_STAFF' && !principal.department) return null;
  return {
    principal,
    bodyDigest: envelope.dig,
    nonce: envelope.jti,
    expiresAt: envelope.iat + PRINCIPAL_LIFETIME_MS + PRINCIPAL_CLOCK_SKEW_MS,
  };
}
