import type http from 'node:http';
import { AuthenticationError, createJwtVerifier, JwtSettings, Principal } from '@hub/auth';
import { HttpError } from '@hub/runtime';
import type { ClientLimiter } from './limits/RateLimiter';

/** Verified tokens remembered (most recently used kept): a dashboard or a clerk sends the same token all day. */
const CACHE_SIZE = 1000;
/** A remembered token is trusted until its exp, and never longer than this (keys may be rotated). */
const CACHE_MAX_MS = 5 * 60_000;

/** The token's exp in ms, read after verification succeeded (so the payload is the signed one). */
function expiresAt(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The caller's address: the socket's, unless that is a trusted proxy (HUB_TRUSTED_PROXIES, e.g. the
 * load balancer in front of the gateway replicas), then the last X-Forwarded-For entry, the one the
 * proxy itself appended (earlier entries are whatever the client claimed). Without this every
 * anonymous caller behind HAProxy would share the proxy's one budget.
 */
export function clientAddress(req: http.IncomingMessage, trustedProxies: ReadonlySet<string>): string | undefined {
  const socket = req.socket.remoteAddress;
  if (!socket || !trustedProxies.has(socket.replace(/^::ffff:/, ''))) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return forwarded.at(-1) ?? socket;
}

/** HUB_TRUSTED_PROXIES: comma-separated addresses whose X-Forwarded-For is believed. */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv): ReadonlySet<string> {
  return new Set(
    (env.HUB_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

/**
 * Bearer JWT → Principal; no token or a bad one → null (401). Each client (token subject, else address)
 * is rate-limited → 429. A verified token is remembered until it expires (at most five minutes), so a
 * client sending the same token again costs a map lookup, not a signature check; bad tokens are not
 * remembered.
 */
export function createAuthenticator(jwt: JwtSettings, limiter: ClientLimiter, trustedProxies: ReadonlySet<string> = new Set()) {
  const verify = createJwtVerifier(jwt);
  const verified = new Map<string, { principal: Principal; until: number }>();
  const principalOf = async (token: string): Promise<Principal> => {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit) {
      verified.delete(token);
      if (now < hit.until) {
        verified.set(token, hit);
        return hit.principal;
      }
    }
    const principal = await verify(token);
    const exp = expiresAt(token);
    const until = Math.min(exp ?? Infinity, now + CACHE_MAX_MS);
    if (until > now) {
      verified.set(token, { principal, until });
      if (verified.size > CACHE_SIZE) verified.delete(verified.keys().next().value!);
    }
    return principal;
  };
  return async (req: http.IncomingMessage): Promise<Principal | null> => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      if (!(await limiter.take(`ip:${clientAddress(req, trustedProxies)}`)))
        throw new HttpError(429, '请求过于频繁，请稍后再试 (rate limit exceeded)');
      return null;
    }
    let principal: Principal;
    try {
      principal = await principalOf(token);
    } catch (error) {
      if (error instanceof AuthenticationError) return null;
      throw error;
    }
    if (!(await limiter.take(`sub:${principal.subject}`))) throw new HttpError(429, '请求过于频繁，请稍后再试 (rate limit exceeded)');
    return principal;
  };
}
