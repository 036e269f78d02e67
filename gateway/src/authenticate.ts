import type http from 'node:http';
import { AuthenticationError, createJwtVerifier, JwtSettings, Principal } from '@hub/auth';
import { HttpError } from '@hub/runtime';
import type { RateLimiter } from './limits/RateLimiter';

/**
 * Bearer JWT → Principal; no token or a bad one → null (401). Each client (token subject, else address)
 * is rate-limited → 429.
 */
export function createAuthenticator(jwt: JwtSettings, limiter: RateLimiter) {
  const verify = createJwtVerifier(jwt);
  return async (req: http.IncomingMessage): Promise<Principal | null> => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      if (!limiter.take(`ip:${req.socket.remoteAddress}`)) throw new HttpError(429, '请求过于频繁，请稍后再试 (rate limit exceeded)');
      return null;
    }
    let principal: Principal;
    try {
      principal = await verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError) return null;
      throw error;
    }
    if (!limiter.take(`sub:${principal.subject}`)) throw new HttpError(429, '请求过于频繁，请稍后再试 (rate limit exceeded)');
    return principal;
  };
}
