/**
 * npm run token -- --role <county-admin|department-staff|analyst|dashboard|service> [--department <slug>] [--subject <name>] [--expires 8h]
 * Mints a development JWT with the secret in the environment or in <data>/dev-secrets.json.
 */
import { parseArgs } from 'node:util';
import { hubSecretsFromEnv, isRole, mintToken, Principal } from '@hub/auth';
import { dataDir } from '@hub/runtime';
import { departmentFromSlug, departments, Department } from '@hub/vocabulary';
import { devSecretsEnv } from './lib/devSecrets';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, department: { type: 'string' }, subject: { type: 'string' }, expires: { type: 'string', default: '8h' } },
  });
  const role = (values.role ?? '').toUpperCase().replace(/-/g, '_');
  if (!isRole(role)) fail('用法 usage: npm run token -- --role <county-admin|department-staff|analyst|dashboard|service> [--department <slug>]');
  let department: Department | undefined;
  if (values.department) {
    department = departmentFromSlug(values.department) ?? ((departments as readonly string[]).includes(values.department) ? (values.department as Department) : undefined);
    if (!department) fail(`未知部门 unknown department "${values.department}"`);
  }
  if (role === 'DEPARTMENT_STAFF' && !department) fail('部门工作人员令牌须指定 --department (department staff need --department)');
  const env = { ...process.env, ...devSecretsEnv(dataDir()).env };
  const secrets = hubSecretsFromEnv(env, () => undefined);
  const principal: Principal = { subject: values.subject ?? `dev-${role.toLowerCase()}`, role, ...(department ? { department } : {}) };
  console.log(await mintToken(principal, secrets.jwt, values.expires));
}

void main();
