import { createRemoteJWKSet, importSPKI, jwtVerify, SignJWT, JWTVerifyGetKey } from 'jose';
import { departmentFromSlug, departments, Department } from '@hub/vocabulary';
import type { JwtSettings } from './hubSecrets';
import { isRole, Principal } from './Principal';

type PublicKey = Awaited<ReturnType<typeof importSPKI>>;

export class AuthenticationError extends Error {}

function departmentClaim(value: unknown): Department | undefined {
  if (typeof value !== 'string') return undefined;
  if ((departments as readonly string[]).includes(value)) return value as Department;
  return departmentFromSlug(value);
}

/** Longest token lifetime accepted (exp - iat) unless HUB_JWT_MAX_LIFETIME_SECONDS says otherwise: one working day. */
export const DEFAULT_MAX_LIFETIME_SECONDS = 12 * 3600;
/** Clock difference tolerated between the identity provider and the hub. */
const CLOCK_TOLERANCE_SECONDS = 30;

const SHARED_SECRET_ALGORITHMS = ['HS256', 'HS384', 'HS512'];
const PUBLIC_KEY_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/**
 * The one algorithm tokens must be signed with: HUB_JWT_ALGORITHM, else HS256 for a shared secret and RS256
 * for a public key or JWKS. A setting that does not fit the key (none, HS with a public key, RS with a
 * secret) stops the service at start, so HS/RS confusion cannot be configured either.
 */
export function pinnedAlgorithm(settings: JwtSettings): string {
  const allowed = settings.secret ? SHARED_SECRET_ALGORITHMS : PUBLIC_KEY_ALGORITHMS;
  const algorithm = settings.algorithm ?? allowed[0];
  if (!allowed.includes(algorithm)) {
    throw new Error(
      `HUB_JWT_ALGORITHM=${algorithm} 与所配置的密钥不符 / does not fit the configured ${settings.secret ? 'shared secret' : 'public key'} (one of ${allowed.join(', ')})`,
    );
  }
  return algorithm;
}

/**
 * Turns a bearer token into a Principal, or throws AuthenticationError with a message for the caller.
 * A token must be signed with the pinned algorithm (pinnedAlgorithm) and carry iat and exp, with a
 * lifetime (exp - iat) of at most settings.maxLifetimeSeconds: a token that never expires, or a
 * year-long one, is refused however well signed.
 */
export function createJwtVerifier(settings: JwtSettings): (token: string) => Promise<Principal> {
  const algorithm = pinnedAlgorithm(settings);
  const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  let keyFor: Uint8Array | JWTVerifyGetKey | Promise<PublicKey>;
  if (settings.jwksUrl) keyFor = createRemoteJWKSet(new URL(settings.jwksUrl));
  else if (settings.publicKeyPem) keyFor = importSPKI<PublicKey>(settings.publicKeyPem, algorithm);
  else if (settings.secret) keyFor = new Uint8Array(settings.secret);
  else throw new Error('no JWT key configured');
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: [algorithm],
    requiredClaims: ['exp', 'iat'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };

  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      const key = keyFor instanceof Promise ? await keyFor : keyFor;
      const result = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      payload = result.payload;
    } catch (error) {
      throw new AuthenticationError(`令牌无效或已过期 (invalid or expired token: ${(error as Error).message})`);
    }
    const { iat, exp } = payload as { iat: number; exp: number };
    if (iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) throw new AuthenticationError('令牌签发时间在未来 (token issued in the future)');
    if (exp - iat > maxLifetime)
      throw new AuthenticationError(`令牌有效期超过 ${maxLifetime} 秒 (token lifetime ${exp - iat} s exceeds ${maxLifetime} s)`);
    const role = payload.role;
    if (!isRole(role)) throw new AuthenticationError(`令牌中的角色无效 (unknown role ${String(role)})`);
    const subject = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
    if (!subject) throw new AuthenticationError('令牌缺少 sub (token has no subject)');
    const department = departmentClaim(payload.department);
    if (role === 'DEPARTMENT_STAFF' && !department)
      throw new AuthenticationError('部门工作人员令牌须指明部门 (department staff token needs a department)');
    return department ? { subject, role, department } : { subject, role };
  };
}

/** Mints a token with the shared secret (development and tests; production tokens come from the county's identity provider). */
export async function mintToken(principal: Principal, settings: JwtSettings, expiresIn = '8h'): Promise<string> {
  if (!settings.secret) throw new Error('mintToken needs the HS256 shared secret (HUB_JWT_SECRET)');
  const algorithm = pinnedAlgorithm(settings);
  const claims: Record<string, unknown> = { role: principal.role };
  if (principal.department) claims.department = principal.department;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: algorithm })
    .setSubject(principal.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new Uint8Array(settings.secret));
}
