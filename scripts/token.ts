/**
 * npm run token -- --role <county-admin|department-staff|analyst|dashboard|service|employer> [--department <slug>] [--subject <name>] [--expires 8h]
 * Mints a development JWT with the secret in the environment or in <data>/dev-secrets.json (written by
 * `npm start`; this script only reads it). Refuses to run in production mode: production tokens come
 * from the county's identity provider, and a production data folder never gets a development secret.
 */
import { parseArgs } from 'node:util';
import { hubSecretsFromEnv, isRole, mintToken, Principal, DEFAULT_MAX_LIFETIME_SECONDS } from '@hub/auth';
import { dataDir, isProduction } from '@hub/runtime';
import { departmentFromSlug, departments, Department } from '@hub/vocabulary';
import { devSecretsEnv } from './lib/devSecrets';

/** A refusal with a message for the person at the terminal (exit code 2). */
export class TokenRefused extends Error {}

function fail(message: string): never {
  throw new TokenRefused(message);
}

/** The token for these command-line arguments, minted with the development secret of `env`'s data folder. */
export async function devToken(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (isProduction(env)) {
    fail(
      '生产模式下不签发开发令牌；令牌由县统一身份认证签发 (npm run token refuses to run with HUB_MODE=production or NODE_ENV=production)',
    );
  }
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const role = (values.role ?? '').toUpperCase().replace(/-/g, '_');
  if (!isRole(role))
    fail('用法 usage: npm run token -- --role <county-admin|department-staff|analyst|dashboard|service|employer> [--department <slug>]');
  let department: Department | undefined;
  if (values.department) {
    department =
      departmentFromSlug(values.department) ??
      ((departments as readonly string[]).includes(values.department) ? (values.department as Department) : undefined);
    if (!department) fail(`未知部门 unknown department "${values.department}"`);
  }
  if (role === 'DEPARTMENT_STAFF' && !department) fail('部门工作人员令牌须指定 --department (department staff need --department)');
  const secrets = hubSecretsFromEnv({ ...env, ...devSecretsEnv(dataDir(env), env, { create: false }).env }, () => undefined);
  const principal: Principal = { subject: values.subject ?? `dev-${role.toLowerCase()}`, role, ...(department ? { department } : {}) };
  const token = await mintToken(principal, secrets.jwt, values.expires);
  const { iat, exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { iat: number; exp: number };
  const max = secrets.jwt.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  if (exp - iat > max)
    fail(
      `--expires ${values.expires} 超过令牌最长有效期 ${max} 秒，网关会拒绝 (longer than HUB_JWT_MAX_LIFETIME_SECONDS=${max}; the gateway would refuse it)`,
    );
  return token;
}

if (require.main === module) {
  devToken(process.argv.slice(2)).then(
    (token) => console.log(token),
    (error: Error) => {
      console.error(error instanceof TokenRefused ? error.message : error);
      process.exit(2);
    },
  );
}
