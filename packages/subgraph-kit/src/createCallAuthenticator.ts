import type http from 'node:http';
import { bodyDigest, EMPTY_BODY_DIGEST, NonceLedger, PRINCIPAL_HEADER, Principal, verifyCall } from '@hub/auth';
import { checkBodyWith } from '@hub/runtime';

/** Methods whose body no route reads: their header must cover the empty body. */
const BODILESS = new Set(['GET', 'HEAD', 'OPTIONS', 'DELETE']);

/**
 * A subgraph's check of the signed principal header (every route but the public ones): the header must
 * be signed with the hub's key for this service (`audience`), this method and this path with its query,
 * be fresh, and carry a nonce this service has not seen; the body it covers is compared with the bytes
 * read (readBody refuses a different one with 401 before any route or resolver sees it).
 */
export function createCallAuthenticator(
  audience: string,
  signingKey: Buffer,
  ledger = new NonceLedger(),
): (req: http.IncomingMessage) => Principal | null {
  return (req) => {
    const header = req.headers[PRINCIPAL_HEADER];
    const method = req.method ?? 'GET';
    const call = verifyCall(typeof header === 'string' ? header : undefined, signingKey, { audience, method, path: req.url ?? '/' });
    if (!call) return null;
    if (BODILESS.has(method.toUpperCase())) {
      if (call.bodyDigest !== EMPTY_BODY_DIGEST) return null;
    } else {
      const expected = call.bodyDigest;
      checkBodyWith(req, (body) => bodyDigest(body) === expected);
    }
    // Last: a header refused for any other reason does not use up its nonce.
    if (!ledger.firstSight(call.nonce, call.expiresAt)) return null;
    return call.principal;
  };
}
