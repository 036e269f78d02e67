import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type net from 'node:net';
import { hubSecretsFromEnv, mintToken, Principal } from '@hub/auth';
import { createSubgraph } from '@hub/subgraph-kit';
import { createGateway } from '@hub/gateway/src/createGateway';
import { department as educationDepartment } from '@hub/subgraph-education/src/department';
import { startHub, TestHub } from './fixtures/startHub';
import { statusOf } from './fixtures/statusOf';

const key = () => randomBytes(32).toString('hex');
const secrets = { HUB_PERSON_KEY: key(), HUB_ID_ENCRYPTION_KEY: key(), HUB_JWT_SECRET: key(), HUB_SUBGRAPH_SIGNING_KEY: key() };
const admin: Principal = { subject: 'admin-zhao', role: 'COUNTY_ADMIN' };
const schemaFile = path.join(__dirname, '..', 'subgraphs', 'education', 'schema.graphql');

/**
 * HUB_MODE=production and nothing else (no NODE_ENV): the whole hub, gateway and subgraphs, in its
 * production posture.
 */
describe('HUB_MODE=production alone', () => {
  let hub: TestHub;
  let savedNodeEnv: string | undefined;

  beforeAll(async () => {
    // jest sets NODE_ENV=test; the switch must work without it.
    savedNodeEnv = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    hub = await startHub({ persons: 10, env: { ...secrets, HUB_MODE: 'production', NODE_ENV: undefined } });
  }, 180_000);

  afterAll(async () => {
    await hub?.stop();
    process.env.NODE_ENV = savedNodeEnv;
  });

  const gatewayPost = async (query: string) => {
    const token = await mintToken(admin, hubSecretsFromEnv(hub.env, () => undefined).jwt);
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, text: await response.text() };
  };
  const internalUrl = (server: net.Server | undefined, route: string) =>
    `http://127.0.0.1:${(server!.address() as net.AddressInfo).port}${route}`;

  describe('on a subgraph called directly', () => {
    it('refuses introspection and gives no field suggestions', async () => {
      const introspection = await hub.querySubgraph('education', '{ __schema { types { name } } }');
      expect(introspection.body.errors?.[0].message).toMatch(/introspection/i);
      expect(introspection.body.data).toBeUndefined();
      const typo = await hub.querySubgraph('education', '{ educationCertificate { totalCount } }');
      expect(typo.body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    });

    it('masks an internal error: no stack trace, no SQL, no driver message', async () => {
      const education = hub.subgraphs.education;
      await education.dataSource.destroy();
      try {
        const res = await hub.querySubgraph('education', '{ educationCertificates { totalCount } }');
        const text = JSON.stringify(res.body);
        expect(res.body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
        expect(res.body.errors?.[0].message).toMatch(/服务器内部错误/);
        expect(text).not.toMatch(/stacktrace|SELECT|sqlite|mysql|Connection|at \w+ \(/i);
      } finally {
        await education.dataSource.initialize();
      }
    });

    it('answers /metrics and /ready only on the internal port (127.0.0.1); /health says ok and no more', async () => {
      const base = hub.env.HUB_HRSS_URL!;
      expect(await statusOf(`${base}/metrics`)).toBe(404);
      expect(await statusOf(`${base}/ready`)).toBe(404);
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const operator = hub.subgraphs.hrss.operator;
      expect(operator).not.toBeNull();
      expect((operator!.server.address() as net.AddressInfo).address).toBe('127.0.0.1');
      expect(await (await fetch(internalUrl(operator!.server, '/metrics'))).text()).toMatch(/hub_http_request_duration_seconds/);
      expect(await statusOf(internalUrl(operator!.server, '/ready'))).toBe(200);
      // The internal port serves nothing else.
      expect(await statusOf(internalUrl(operator!.server, '/changes'))).toBe(404);
    });
  });

  describe('through the gateway', () => {
    it('refuses introspection, hides suggestions and masks a department’s internal error', async () => {
      expect(JSON.parse((await gatewayPost('{ __schema { types { name } } }')).text).errors?.[0].message).toMatch(/introspection/i);
      expect((await gatewayPost('{ countyProgres { asOf } }')).text).not.toMatch(/Did you mean/);
      const education = hub.subgraphs.education;
      await education.dataSource.destroy();
      try {
        const res = await gatewayPost('{ educationCertificates { totalCount } }');
        expect(JSON.parse(res.text).errors.length).toBeGreaterThan(0);
        expect(res.text).not.toMatch(/stacktrace|SELECT|sqlite|mysql|127\.0\.0\.1/i);
      } finally {
        await education.dataSource.initialize();
      }
    });

    it('answers /metrics and /ready on its internal port only; readiness still sees every department', async () => {
      const base = hub.gatewayUrl.replace('/graphql', '');
      expect(await statusOf(`${base}/metrics`)).toBe(404);
      expect(await statusOf(`${base}/ready`)).toBe(404);
      expect(await statusOf(`${base}/health`)).toBe(200);
      const server = hub.gateway.operator?.server;
      const ready = await fetch(internalUrl(server, '/ready'));
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { subgraphs: Record<string, string> }).subgraphs).toMatchObject({
        hrss: 'ok',
        education: 'ok',
        finance: 'ok',
      });
      expect(await (await fetch(internalUrl(server, '/metrics'))).text()).toMatch(/hub_graphql_operations_total/);
    });
  });
});

describe('production refuses to start', () => {
  const production = { ...secrets, HUB_MODE: 'production', HUB_DATA_DIR: os.tmpdir() };
  const subgraph = (env: NodeJS.ProcessEnv) => () => createSubgraph({ definition: educationDepartment, schemaFile, migrations: [], env });

  it.each([
    ['the person key', 'HUB_PERSON_KEY', 'HUB_ID_ENCRYPTION_KEY'],
    ['the JWT secret', 'HUB_JWT_SECRET', 'HUB_SUBGRAPH_SIGNING_KEY'],
    ['the person key as signing key', 'HUB_PERSON_KEY', 'HUB_SUBGRAPH_SIGNING_KEY'],
    ['the ID key as JWT secret', 'HUB_ID_ENCRYPTION_KEY', 'HUB_JWT_SECRET'],
  ])('with one key used twice (%s)', (_name, a, b) => {
    const env = { ...production, [b]: production[a as keyof typeof secrets] };
    expect(subgraph(env)).toThrow(new RegExp(`${a}.*${b}|${b}.*${a}`));
    expect(() => createGateway(env)).toThrow(/不能使用同一个密钥/);
  });

  it('with one key used twice through a *_FILE and in another encoding', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-keys-'));
    try {
      const file = path.join(dir, 'jwt.key');
      fs.writeFileSync(file, Buffer.from(secrets.HUB_SUBGRAPH_SIGNING_KEY, 'hex').toString('base64'));
      const env: NodeJS.ProcessEnv = { ...production, HUB_JWT_SECRET: undefined, HUB_JWT_SECRET_FILE: file };
      expect(() => createGateway(env)).toThrow(/HUB_JWT_SECRET.*HUB_SUBGRAPH_SIGNING_KEY/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['education-dev-password', 'hrss-dev-password', 'newdept-dev-password', 'hub-dev-root-password', ''])(
    'with the database password "%s"',
    (password) => {
      const env = { ...production, HUB_DB: 'mysql', HUB_EDUCATION_DB_PASSWORD: password };
      expect(subgraph(env)).toThrow(/HUB_EDUCATION_DB_PASSWORD/);
    },
  );

  it.each(['redis://127.0.0.1:6379', 'redis://hub@10.0.0.5:6379/0', 'http://:s3cret@10.0.0.5:6379'])(
    'with the shared-state Redis %s (no password, or not Redis)',
    (url) => {
      expect(() => createGateway({ ...production, HUB_REDIS_URL: url })).toThrow(/HUB_REDIS_URL/);
    },
  );

  it('starts with a password in HUB_REDIS_URL, and never puts it in the error of a bad one', () => {
    // Built, not listening: Redis is first contacted in listen().
    expect(() => createGateway({ ...production, HUB_REDIS_URL: 'redis://:s3cret-redis@127.0.0.1:6379' })).not.toThrow();
    expect(() => createGateway({ ...production, HUB_REDIS_URL: 'ftp://:s3cret-redis@127.0.0.1:6379' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret-redis') }),
    );
  });

  it('starts with distinct keys and a real database password, and in development with the defaults', () => {
    expect(subgraph({ ...production, HUB_DB: 'mysql', HUB_EDUCATION_DB_PASSWORD: key() })).not.toThrow();
    expect(
      subgraph({
        ...secrets,
        HUB_DATA_DIR: os.tmpdir(),
        HUB_DB: 'mysql',
        HUB_EDUCATION_DB_PASSWORD: 'education-dev-password',
        HUB_PERSON_KEY: secrets.HUB_ID_ENCRYPTION_KEY,
      }),
    ).not.toThrow();
  });
});
