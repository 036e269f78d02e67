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

/** Turns a bearer token into a Principal, or throws AuthenticationError with a message for the caller. */
export function createJwtVerifier(settings: JwtSettings): (token: string) => Promise<Principal> {
  let keyFor: Uint8Array | JWTVerifyGetKey | Promise<PublicKey>;
  if (settings.jwksUrl) keyFor = createRemoteJWKSet(new URL(settings.jwksUrl));
  else if (settings.publicKeyPem) {
    const pem = settings.publicKeyPem;
    keyFor = importSPKI(pem, settings.algorithm ?? 'RS256') as Promise<PublicKey>;
  } else if (settings.secret) keyFor = new Uint8Array(settings.secret);
  else throw new Error('no JWT key configured');

  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      const options = { issuer: settings.issuer, audience: settings.audience, algorithms: settings.secret ? ['HS256'] : settings.algorithm ? [settings.algorithm] : undefined };
      const key = keyFor instanceof Promise ? await keyFor : keyFor;
      const result = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      payload = result.payload;
    } catch (error) {
      throw new AuthenticationError(`令牌无效或已过期 (invalid or expired token: ${(error as Error).message})`);
    }
    const role = payload.role;
    if (!isRole(role)) throw new AuthenticationError(`令牌中的角色无效 (unknown role ${String(role)})`);
    const subject = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
    if (!subject) throw new AuthenticationError('令牌缺少 sub (token has no subject)');
    const department = departmentClaim(payload.department);
    if (role === 'DEPARTMENT_STAFF' && !department) throw new AuthenticationError('部门工作人员令牌须指明部门 (department staff token needs a department)');
    return department ? { subject, role, department } : { subject, role };
  };
}

/** Mints an HS256 token (development and tests; production tokens come from the county's identity provider). */
export async function mintToken(principal: Principal, settings: JwtSettings, expiresIn = '8h'): Promise<string> {
  if (!settings.secret) throw new Error('mintToken needs the HS256 shared secret (HUB_JWT_SECRET)');
  const claims: Record<string, unknown> = { role: principal.role };
  if (principal.department) claims.department = principal.department;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new Uint8Array(settings.secret));
}
