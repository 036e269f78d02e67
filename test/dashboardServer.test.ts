import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Supergraph } from '@apollo/federation-internals';
import { GraphQLSchema, parse, validate } from 'graphql';
import { createJwtVerifier, hubSecretsFromEnv, HubSecrets, mintToken, Principal } from '@hub/auth';
import { createGateway, defaultSupergraphPath, Gateway } from '@hub/gateway/src/createGateway';
import { publicDashboardPolicy } from '@hub/gateway/src/web/dashboardSession';
import { loadExampleOperations, exampleGroups } from '@hub/gateway/src/web/exampleOperations';
import { dashboardOperationFile } from '@hub/gateway/src/web/dashboardRoutes';
import { loadPersistedOperation, sha256Hex } from '@hub/gateway/src/web/persistedOperation';
import { startHub, TestHub } from './fixtures/startHub';
import { statusOf } from './fixtures/statusOf';

const key = () => randomBytes(32).toString('hex');
/** Real (non-development) secrets, so production-mode gateways can run against the same subgraphs. */
const secrets = { HUB_PERSON_KEY: key(), HUB_ID_ENCRYPTION_KEY: key(), HUB_JWT_SECRET: key(), HUB_SUBGRAPH_SIGNING_KEY: key() };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test payloads are ad hoc
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

function apiSchema(): GraphQLSchema {
  return Supergraph.build(fs.readFileSync(defaultSupergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
}

describe('the dashboard and IDE routes of the gateway', () => {
  let hub: TestHub;
  let base: string;
  const extra: Gateway[] = [];

  /** Another gateway over the same subgraphs with a changed environment. */
  async function gatewayWith(env: NodeJS.ProcessEnv): Promise<string> {
    const gateway = createGateway({ ...hub.env, ...env });
    extra.push(gateway);
    return `http://127.0.0.1:${await gateway.listen(0)}`;
  }

  beforeAll(async () => {
    hub = await startHub({ persons: 30, env: secrets });
    base = hub.gatewayUrl.replace(/\/graphql$/, '');
  }, 120_000);

  afterAll(async () => {
    for (const gateway of extra) await gateway.stop();
    await hub?.stop();
  });

  const postGraphql = async (url: string, body: unknown, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ad hoc payloads
      body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] },
    };
  };
  const session = async (url = base) => {
    const response = await fetch(`${url}/dashboard/session`);
    if (!response.ok) {
      await response.arrayBuffer();
      return { status: response.status, body: undefined };
    }
    return { status: response.status, body: (await response.json()) as { token: string; role: string; expiresAt: string } };
  };

  describe('automatic persisted queries through the gateway', () => {
    it('answers a hash alone with PERSISTED_QUERY_NOT_FOUND, then stores the query and answers the hash alone', async () => {
      const { token } = (await session()).body!;
      // A query text this test run has never sent, so no earlier test can have stored it.
      const query = `query ApqCheck { countyProgress(asOf: "2025-06-30") { asOf certificateHolders { value target } } } # ${randomBytes(4).toString('hex')}`;
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };

      const unknown = await postGraphql(hub.gatewayUrl, { extensions }, token);
      expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect(unknown.body.data).toBeUndefined();

      const registered = await postGraphql(hub.gatewayUrl, { query, extensions }, token);
      expect(registered.body.errors).toBeUndefined();
      expect(registered.body.data.countyProgress.certificateHolders.target).toBe(300000);

      const byHash = await postGraphql(hub.gatewayUrl, { extensions }, token);
      expect(byHash.body.errors).toBeUndefined();
      expect(byHash.body.data).toEqual(registered.body.data);
    });

    it('refuses a query whose text does not match the hash it claims', async () => {
      const { token } = (await session()).body!;
      const res = await postGraphql(
        hub.gatewayUrl,
        {
          query: '{ countyProgress { asOf } }',
          extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex('{ something else }') } },
        },
        token,
      );
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].message).toMatch(/sha does not match/);
      expect(res.body.data).toBeUndefined();
    });

    it('keeps PERSISTED_QUERY_NOT_FOUND intact through a production-mode gateway, so screens there can register', async () => {
      const production = await gatewayWith({ HUB_MODE: 'production' });
      const token = await mintToken({ subject: 'screen', role: 'DASHBOARD' }, hubSecretsFromEnv(hub.env, () => undefined).jwt);
      const query = `{ countyProgress { asOf } } # ${randomBytes(4).toString('hex')}`;
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
      expect((await postGraphql(`${production}/graphql`, { extensions }, token)).body.errors?.[0].extensions?.code).toBe(
        'PERSISTED_QUERY_NOT_FOUND',
      );
      expect((await postGraphql(`${production}/graphql`, { query, extensions }, token)).body.data.countyProgress.asOf).toMatch(
        /^\d{4}-\d{2}-\d{2}$/,
      );
      expect((await postGraphql(`${production}/graphql`, { extensions }, token)).body.errors).toBeUndefined();
    });

    it('still asks for a token with a persisted query', async () => {
      const operation = loadPersistedOperation(dashboardOperationFile);
      const res = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: operation.sha256Hash } } }),
      });
      expect(res.status).toBe(401);
      await res.arrayBuffer();
    });
  });

  describe('the public dashboard session', () => {
    it('serves the page, its assets and its config without a token, while /graphql still needs one', async () => {
      for (const asset of ['/dashboard', '/dashboard/dashboard.js', '/dashboard/charts.js', '/dashboard/dashboard.css']) {
        expect([asset, await statusOf(`${base}${asset}`)]).toEqual([asset, 200]);
      }
      const page = await fetch(`${base}/dashboard`);
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      await page.arrayBuffer();
      const config = await json(fetch(`${base}/dashboard/config.json`));
      expect(config.operation.sha256Hash).toBe(sha256Hex(config.operation.query));
      expect(config.publicSession).toBe(true);
      expect((await hub.queryAs(null, '{ countyProgress { asOf } }')).status).toBe(401);
    });

    it('hands out a short-lived DASHBOARD token that reads aggregates and no person-level record', async () => {
      const { status, body } = await session();
      expect(status).toBe(200);
      const principal = await createJwtVerifier(hubSecretsFromEnv(hub.env, () => undefined).jwt)(body!.token);
      expect(principal.role).toBe('DASHBOARD');
      expect(Date.parse(body!.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
      const progress = await postGraphql(hub.gatewayUrl, { query: '{ countyProgress { certificateHolders { target } } }' }, body!.token);
      expect(progress.body.data.countyProgress.certificateHolders.target).toBe(300000);
      const people = await postGraphql(hub.gatewayUrl, { query: '{ people(first: 5) { nodes { idNumberMasked } } }' }, body!.token);
      expect(people.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('is off in production unless HUB_PUBLIC_DASHBOARD turns it on; the page stays (it takes a pasted token)', async () => {
      const production = await gatewayWith({ HUB_MODE: 'production' });
      expect((await session(production)).status).toBe(404);
      expect(await statusOf(`${production}/dashboard`)).toBe(200);
      expect((await json(fetch(`${production}/dashboard/config.json`))).publicSession).toBe(false);

      const opened = await gatewayWith({ HUB_MODE: 'production', HUB_PUBLIC_DASHBOARD: 'on' });
      expect((await session(opened)).status).toBe(200);
      const closed = await gatewayWith({ HUB_PUBLIC_DASHBOARD: 'off' });
      expect((await session(closed)).status).toBe(404);
    });

    it('is off whenever the gateway verifies tokens with a public key or JWKS, since it cannot mint', () => {
      const withPublicKey: HubSecrets = {
        jwt: { publicKeyPem: '-----BEGIN PUBLIC KEY-----…', issuer: 'i', audience: 'a' },
        signingKey: Buffer.alloc(32),
        development: false,
      };
      expect(publicDashboardPolicy({ HUB_PUBLIC_DASHBOARD: 'on' }, withPublicKey).enabled).toBe(false);
      const withJwks: HubSecrets = {
        jwt: { jwksUrl: 'https://idp.example/jwks', issuer: 'i', audience: 'a' },
        signingKey: Buffer.alloc(32),
        development: false,
      };
      expect(publicDashboardPolicy({}, withJwks).enabled).toBe(false);
      const withSecret: HubSecrets = {
        jwt: { secret: Buffer.alloc(32, 1), issuer: 'i', audience: 'a' },
        signingKey: Buffer.alloc(32),
        development: false,
      };
      expect(publicDashboardPolicy({}, withSecret).enabled).toBe(true);
      expect(publicDashboardPolicy({ NODE_ENV: 'production' }, withSecret).enabled).toBe(false);
    });
  });

  describe('the development IDE', () => {
    it('serves GraphiQL from node_modules and lists the example operations', async () => {
      for (const asset of [
        '/ide',
        '/ide/ide.js',
        '/ide/vendor/react.js',
        '/ide/vendor/react-dom.js',
        '/ide/vendor/graphiql.js',
        '/ide/vendor/graphiql.css',
      ]) {
        expect([asset, await statusOf(`${base}${asset}`)]).toEqual([asset, 200]);
      }
      const { examples } = await json(fetch(`${base}/ide/examples.json`));
      expect(new Set(examples.map((e: { group: string }) => e.group))).toEqual(new Set(Object.keys(exampleGroups)));
    });

    it('gives no development tokens when the secrets are real', async () => {
      // This hub runs on real secrets: the button would mint tokens anyone could use.
      expect(await statusOf(`${base}/ide/token?role=county-admin`)).toBe(404);
      expect((await json(fetch(`${base}/ide/examples.json`))).devTokens).toBe(false);
    });

    it('mints development tokens on development secrets, and checks role and department', async () => {
      const dev = await gatewayWith({ HUB_DEV_SECRETS: '1' });
      const minted = await fetch(`${dev}/ide/token?role=department-staff&department=education`);
      expect(minted.status).toBe(200);
      expect((await json(minted)).role).toBe('DEPARTMENT_STAFF');
      expect(await statusOf(`${dev}/ide/token?role=department-staff`)).toBe(400);
      expect(await statusOf(`${dev}/ide/token?role=king`)).toBe(400);
    });

    it('is not there in production', async () => {
      const production = await gatewayWith({ HUB_MODE: 'production' });
      for (const asset of ['/ide', '/ide/examples.json', '/ide/vendor/graphiql.js', '/ide/token'])
        expect(await statusOf(`${production}${asset}`)).toBe(404);
      const nodeEnv = await gatewayWith({ NODE_ENV: 'production' });
      expect(await statusOf(`${nodeEnv}/ide`)).toBe(404);
    });
  });

  describe('saved operations', () => {
    const schema = apiSchema();
    const examples = loadExampleOperations();

    it('offers examples for dashboard developers, analysts, department maintainers and the county administrator', () => {
      const titles = (group: string) => examples.filter((e) => e.group === group).map((e) => e.query);
      expect(titles('dashboard').join()).toContain('countyProgress');
      expect(titles('analyst').join()).toMatch(/aggregate\(dimensions: \[TOWNSHIP, LEVEL\]/);
      expect(titles('analyst').join()).toContain('progressLedger');
      expect(titles('department').join()).toMatch(/Certificates\(filter:/);
      expect(titles('admin').join()).toMatch(/people\(/);
      expect(titles('department').join()).toMatch(/record\w+Certificate/);
      expect(titles('admin').join()).toContain('auditLog');
      expect(titles('admin').join()).toContain('syncHolderIndex');
    });

    it('offers analysts aggregates only: every analyst example runs as an analyst and asks for no person or record list', () => {
      const analystExamples = examples.filter((e) => e.group === 'analyst');
      expect(analystExamples.length).toBeGreaterThanOrEqual(3);
      for (const example of analystExamples) {
        expect([example.file, example.role]).toEqual([example.file, 'ANALYST']);
        const body = example.query.replace(/^#.*$/gm, '');
        expect([
          example.file,
          body.match(
            /\b(people|person|\w+Certificates|\w+Trainings|trainingVouchers|finance\w+Claims|financeFundEntries|auditLog|dataQuality)\s*[({]/g,
          ),
        ]).toEqual([example.file, null]);
      }
    });

    it.each(loadExampleOperations().map((e) => [e.file, e.query]))(
      'examples/operations/%s is valid against the API schema',
      (_file, query) => {
        expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
      },
    );

    it('runs every example with a token of its role and gets no error', async () => {
      await hub.query('mutation { syncHolderIndex { department } }');
      for (const example of examples) {
        const department = example.department?.toUpperCase().replace(/-/g, '_') as Principal['department'];
        const who: Principal = { subject: `example-${example.group}`, role: example.role, ...(department ? { department } : {}) };
        const res = await hub.queryAs(who, example.query, example.variables);
        expect([example.file, res.body.errors ?? []]).toEqual([example.file, []]);
      }
    });

    it('has a valid dashboard operation in gateway/operations', () => {
      const operation = loadPersistedOperation(dashboardOperationFile);
      expect(validate(schema, parse(operation.query)).map((e) => e.message)).toEqual([]);
      expect(fs.existsSync(path.join(path.dirname(dashboardOperationFile), '..', 'public', 'dashboard', 'index.html'))).toBe(true);
    });
  });
});
