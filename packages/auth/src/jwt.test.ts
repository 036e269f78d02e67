import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { hubSecretsFromEnv } from './hubSecrets';
import { createJwtVerifier, DEFAULT_MAX_LIFETIME_SECONDS, mintToken, pinnedAlgorithm } from './jwt';
import type { JwtSettings } from './hubSecrets';

const secret = randomBytes(32);
const settings: JwtSettings = { secret, issuer: 'puyang-skills-hub', audience: 'puyang-skills-hub' };
const now = () => Math.floor(Date.now() / 1000);

/** A token with exactly the claims given (no defaults), signed with the shared secret. */
function signed(claims: { iat?: number; exp?: number }, alg = 'HS256', key: Uint8Array = new Uint8Array(secret)) {
  const jwt = new SignJWT({ role: 'COUNTY_ADMIN' })
    .setProtectedHeader({ alg })
    .setSubject('admin')
    .setIssuer(settings.issuer)
    .setAudience(settings.audience);
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(key);
}

describe('bearer tokens', () => {
  const verify = createJwtVerifier(settings);

  it('accepts a token minted for the hub', async () => {
    await expect(verify(await mintToken({ subject: 'admin', role: 'COUNTY_ADMIN' }, settings))).resolves.toEqual({
      subject: 'admin',
      role: 'COUNTY_ADMIN',
    });
  });

  it('refuses a token without exp, without iat, or expired', async () => {
    await expect(verify(await signed({ iat: now() }))).rejects.toThrow(/"exp" claim/);
    await expect(verify(await signed({ exp: now() + 60 }))).rejects.toThrow(/"iat" claim/);
    await expect(verify(await signed({ iat: now() - 7200, exp: now() - 3600 }))).rejects.toThrow(/exp/);
  });

  it('refuses a lifetime above the maximum (12 h unless configured), and a token issued in the future', async () => {
    await expect(verify(await signed({ iat: now(), exp: now() + DEFAULT_MAX_LIFETIME_SECONDS }))).resolves.toMatchObject({
      subject: 'admin',
    });
    await expect(verify(await signed({ iat: now(), exp: now() + DEFAULT_MAX_LIFETIME_SECONDS + 1 }))).rejects.toThrow('lifetime');
    await expect(verify(await signed({ iat: now() - 100, exp: now() + 365 * 86400 }))).rejects.toThrow('lifetime');
    await expect(verify(await signed({ iat: now() + 3600, exp: now() + 7200 }))).rejects.toThrow(/future|iat/);
    const strict = createJwtVerifier({ ...settings, maxLifetimeSeconds: 600 });
    await expect(strict(await signed({ iat: now(), exp: now() + 601 }))).rejects.toThrow('lifetime');
    expect(hubSecretsFromEnv({ HUB_JWT_MAX_LIFETIME_SECONDS: '3600' }, () => undefined).jwt.maxLifetimeSeconds).toBe(3600);
    expect(() => hubSecretsFromEnv({ HUB_JWT_MAX_LIFETIME_SECONDS: '1e99x' }, () => undefined)).toThrow('HUB_JWT_MAX_LIFETIME_SECONDS');
  });

  it('accepts only the pinned algorithm: not none, not another HS, not HS signed with the public key', async () => {
    const unsecured = new UnsecuredJWT({ role: 'COUNTY_ADMIN' })
      .setSubject('admin')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    await expect(verify(unsecured)).rejects.toThrow();
    await expect(verify(await signed({ iat: now(), exp: now() + 60 }, 'HS512'))).rejects.toThrow(/alg/);
    const hs512 = createJwtVerifier({ ...settings, algorithm: 'HS512' });
    await expect(hs512(await signed({ iat: now(), exp: now() + 60 }, 'HS512'))).resolves.toMatchObject({ subject: 'admin' });
    await expect(hs512(await signed({ iat: now(), exp: now() + 60 }))).rejects.toThrow(/alg/);

    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = createJwtVerifier({ publicKeyPem, issuer: settings.issuer, audience: settings.audience });
    const genuine = await new SignJWT({ role: 'ANALYST' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('li')
      .setIssuer(settings.issuer)
      .setAudience(settings.audience)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(rs(genuine)).resolves.toMatchObject({ role: 'ANALYST' });
    // HS/RS confusion: an attacker signs HS256 with the (public) PEM as the shared secret.
    const confused = await signed({ iat: now(), exp: now() + 60 }, 'HS256', new TextEncoder().encode(publicKeyPem));
    await expect(rs(confused)).rejects.toThrow(/alg/);
    await expect(rs(unsecured)).rejects.toThrow();
  });

  it('refuses to start with an algorithm that does not fit the key', () => {
    expect(pinnedAlgorithm(settings)).toBe('HS256');
    expect(pinnedAlgorithm({ ...settings, secret: undefined, jwksUrl: 'https://idp.example/jwks' })).toBe('RS256');
    for (const algorithm of ['none', 'RS256', 'ES256'])
      expect(() => createJwtVerifier({ ...settings, algorithm })).toThrow('HUB_JWT_ALGORITHM');
    for (const algorithm of ['none', 'HS256'])
      expect(() => createJwtVerifier({ ...settings, secret: undefined, publicKeyPem: 'x', algorithm })).toThrow('HUB_JWT_ALGORITHM');
  });
});
