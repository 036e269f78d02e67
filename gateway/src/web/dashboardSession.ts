import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { HubSecrets, mintToken } from '@hub/auth';
import { HttpError, isProduction, RouteHandler, sendJson } from '@hub/runtime';
import { clientAddress, trustedProxiesFromEnv } from '../authenticate';
import { RateLimiter } from '../limits/RateLimiter';

export interface PublicDashboardPolicy {
  /** GET /dashboard/session hands out short-lived DASHBOARD tokens without a login. */
  enabled: boolean;
  /** Why, in one line, for the startup log. */
  reason: string;
}

const truthy = (value: string) => ['1', 'on', 'true', 'yes'].includes(value.toLowerCase());

/**
 * HUB_PUBLIC_DASHBOARD=on|off; unset means on in development and off in production. Minting needs
 * the gateway's own HS256 secret, so with a public key or JWKS the session endpoint is always off.
 */
export function publicDashboardPolicy(env: NodeJS.ProcessEnv, secrets: HubSecrets): PublicDashboardPolicy {
  const setting = env.HUB_PUBLIC_DASHBOARD?.trim();
  const wanted = setting ? truthy(setting) : !isProduction(env);
  if (!wanted)
    return { enabled: false, reason: setting ? 'HUB_PUBLIC_DASHBOARD is off' : 'production mode (set HUB_PUBLIC_DASHBOARD=on to enable)' };
  if (!secrets.jwt.secret)
    return { enabled: false, reason: 'tokens are verified with a public key or JWKS; the gateway cannot mint (paste a token instead)' };
  return { enabled: true, reason: setting ? 'HUB_PUBLIC_DASHBOARD is on' : 'development mode' };
}

export interface DashboardSession {
  token: string;
  role: 'DASHBOARD';
  /** ISO time after which the page must fetch a new session. */
  expiresAt: string;
}

/**
 * GET /dashboard/session: a DASHBOARD token (aggregates only, small cells suppressed) valid for
 * HUB_PUBLIC_DASHBOARD_TTL_SECONDS (default 600). Each session has its own subject, so the gateway's
 * per-client rate limit applies per screen; the endpoint itself is limited per address.
 */
export function dashboardSessionRoute(env: NodeJS.ProcessEnv, secrets: HubSecrets): RouteHandler {
  const ttlSeconds = Math.max(60, Number(env.HUB_PUBLIC_DASHBOARD_TTL_SECONDS || 600));
  const limiter = new RateLimiter(Number(env.HUB_PUBLIC_DASHBOARD_SESSIONS_PER_SECOND || 1), 20);
  const trustedProxies = trustedProxiesFromEnv(env);
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!limiter.take(`ip:${clientAddress(req, trustedProxies)}`))
      throw new HttpError(429, '请求过于频繁，请稍后再试 (rate limit exceeded)');
    const subject = `public-dashboard/${randomBytes(6).toString('hex')}`;
    const token = await mintToken({ subject, role: 'DASHBOARD' }, secrets.jwt, `${ttlSeconds}s`);
    const session: DashboardSession = { token, role: 'DASHBOARD', expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, session);
  };
}
