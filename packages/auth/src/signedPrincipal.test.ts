import { randomBytes } from 'node:crypto';
import { NonceLedger } from './NonceLedger';
import {
  bodyDigest,
  EMPTY_BODY_DIGEST,
  PRINCIPAL_CLOCK_SKEW_MS,
  PRINCIPAL_LIFETIME_MS,
  requestPath,
  signCall,
  verifyCall,
} from './signedPrincipal';
import type { Principal } from './Principal';

const key = randomBytes(32);
const admin: Principal = { subject: 'admin', role: 'COUNTY_ADMIN' };
const call = { audience: 'hrss', method: 'POST', path: '/graphql' };
const body = '{"query":"{ a }"}';

describe('a signed call', () => {
  it('verifies for its own audience, method and path, and names the body it covers', () => {
    const verified = verifyCall(signCall(admin, key, { ...call, body }), key, call);
    expect(verified?.principal).toEqual(admin);
    expect(verified?.bodyDigest).toBe(bodyDigest(body));
    expect(verified?.bodyDigest).not.toBe(EMPTY_BODY_DIGEST);
    expect(verifyCall(signCall(admin, key, { ...call, method: 'post', body }), key, call)).not.toBeNull();
  });

  it('refuses another audience, method, path, key, an old or future time, and a tampered payload', () => {
    const header = signCall(admin, key, { ...call, body });
    expect(verifyCall(header, key, { ...call, audience: 'finance' })).toBeNull();
    expect(verifyCall(header, key, { ...call, method: 'GET' })).toBeNull();
    expect(verifyCall(header, key, { ...call, path: '/graphql?a=1' })).toBeNull();
    expect(verifyCall(header, randomBytes(32), call)).toBeNull();
    const now = Date.now();
    expect(verifyCall(header, key, call, now + PRINCIPAL_LIFETIME_MS + PRINCIPAL_CLOCK_SKEW_MS + 10)).toBeNull();
    expect(verifyCall(signCall(admin, key, call, now + PRINCIPAL_CLOCK_SKEW_MS + 10), key, call, now)).toBeNull();
    expect(verifyCall(signCall(admin, key, call, now + PRINCIPAL_CLOCK_SKEW_MS - 10), key, call, now)).not.toBeNull();
    const [v, payload, mac] = header.split('.');
    const envelope = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...envelope, aud: 'finance' })).toString('base64url');
    expect(verifyCall(`${v}.${tampered}.${mac}`, key, { ...call, audience: 'finance' })).toBeNull();
    expect(verifyCall(`v1.${payload}.${mac}`, key, call)).toBeNull();
    expect(verifyCall(undefined, key, call)).toBeNull();
    expect(verifyCall('v2.x', key, call)).toBeNull();
  });

  it('carries a different nonce on every signature, even of the same call in the same millisecond', () => {
    const now = Date.now();
    const nonces = new Set(Array.from({ length: 100 }, () => verifyCall(signCall(admin, key, call, now), key, call, now)!.nonce));
    expect(nonces.size).toBe(100);
  });

  it('is bound to the path and query as fetch sends them', () => {
    expect(requestPath('http://hrss:4001/changes?after=0&limit=5')).toBe('/changes?after=0&limit=5');
    expect(requestPath('http://127.0.0.1:4001/graphql')).toBe('/graphql');
  });
});

describe('the nonce ledger', () => {
  it('accepts a nonce once, until it expires, then forgets it', () => {
    const ledger = new NonceLedger();
    expect(ledger.firstSight('n1', 1000, 0)).toBe(true);
    expect(ledger.firstSight('n1', 1000, 10)).toBe(false);
    expect(ledger.firstSight('n2', 1000, 10)).toBe(true);
    expect(ledger.firstSight('n3', 5000, 2000)).toBe(true);
    expect(ledger.size).toBe(1);
  });

  it('refuses new calls when full of live nonces rather than forget one early', () => {
    const ledger = new NonceLedger(2);
    expect(ledger.firstSight('a', 10_000, 0)).toBe(true);
    expect(ledger.firstSight('b', 10_000, 0)).toBe(true);
    expect(ledger.firstSight('c', 10_000, 0)).toBe(false);
    expect(ledger.firstSight('a', 10_000, 0)).toBe(false);
    expect(ledger.firstSight('c', 20_000, 11_000)).toBe(true);
  });
});
