import { randomBytes } from 'node:crypto';
import { hubSecretsFromEnv, mintToken } from '@hub/auth';
import { createGateway, Gateway } from '@hub/gateway/src/createGateway';
import { startHub, TestHub } from './fixtures/startHub';

const key = () => randomBytes(32).toString('hex');
/** Real (non-development) secrets, so the gateway can run in production mode. */
const secrets = { HUB_PERSON_KEY: key(), HUB_ID_ENCRYPTION_KEY: key(), HUB_JWT_SECRET: key(), HUB_SUBGRAPH_SIGNING_KEY: key() };

/**
 * graphql-cop's checks (dolevf/graphql-cop), written as tests against the production-mode gateway with a
 * valid token: each attack is refused, or the README ("Security audit") says why what is left is safe.
 */
describe('graphql-cop checks against the production gateway', () => {
  let hub: TestHub;
  let prod: Gateway;
  let url: string;
  let bearer: string;

  beforeAll(async () => {
    hub = await startHub({ persons: 0, env: secrets });
    prod = createGateway({ ...hub.env, HUB_MODE: 'production' });
    url = `http://127.0.0.1:${await prod.listen(0)}/graphql`;
    bearer = `Bearer ${await mintToken({ subject: 'cop', role: 'COUNTY_ADMIN' }, hubSecretsFromEnv(hub.env, () => undefined).jwt)}`;
  }, 180_000);
  afterAll(async () => {
    await prod?.stop();
    await hub?.stop();
  });

  const send = async (init: { method?: string; path?: string; headers?: Record<string, string>; body?: string }) => {
    const response = await fetch(`${url}${init.path ?? ''}`, {
      method: init.method ?? 'POST',
      headers: { authorization: bearer, ...init.headers },
      body: init.body,
    });
    const text = await response.text();
    let json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: unknown } | undefined;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json, headers: response.headers };
  };
  const post = (query: string, headers: Record<string, string> = {}) =>
    send({ headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const reasons = (r: Awaited<ReturnType<typeof send>>) => (r.json?.errors ?? []).map((e) => e.extensions?.reason ?? e.extensions?.code);

  it('answers the probe itself, so the refusals below are about the attack', async () => {
    const r = await post('query cop { __typename }');
    expect(r.status).toBe(200);
    expect(r.json?.data).toEqual({ __typename: 'Query' });
  });

  it('alias overloading: refuses 101 aliases', async () => {
    const r = await post(`query cop { ${Array.from({ length: 101 }, (_, i) => `alias${i}: __typename`).join(' ')} }`);
    expect(r.status).toBe(400);
    expect(reasons(r)).toContain('ALIAS_LIMIT');
    expect(r.json?.data).toBeUndefined();
  });

  it('batch queries: refuses a JSON array of operations', async () => {
    const r = await send({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: 10 }, () => ({ query: 'query cop { __typename }' }))),
    });
    expect(r.status).toBe(400);
    expect(Array.isArray(r.json)).toBe(false);
  });

  it('directive overloading: refuses ten directives on one field with one error, not ten', async () => {
    const r = await post(`query cop { __typename ${'@aa'.repeat(10)} }`);
    expect(r.status).toBe(400);
    expect(reasons(r)).toEqual(['DIRECTIVE_LIMIT']);
  });

  it('field duplication: refuses 500 copies of a field', async () => {
    const r = await post(`query cop { ${'__typename\n'.repeat(500)} }`);
    expect(r.status).toBe(400);
    expect(r.json?.data).toBeUndefined();
    expect(reasons(r)).toEqual([expect.stringMatching(/NODE_LIMIT|BREADTH_LIMIT/)]);
  });

  it.each([
    ['introspection', 'query cop { __schema { types { name fields { name } } } }'],
    ['__type probing', 'query cop { __type(name: "Query") { name fields { name } } }'],
    [
      'circular introspection',
      'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }',
    ],
  ])('%s: refused', async (_name, query) => {
    const r = await post(query);
    expect(r.status).toBe(400);
    expect(r.json?.data).toBeUndefined();
    expect(r.text).not.toMatch(/CountyProgress|"fields"/);
  });

  it('field suggestions: no "Did you mean" for a misspelt field or type', async () => {
    for (const query of [
      'query cop { countyProgres { asOf } }',
      'query cop { __schema { directive } }',
      'query cop { countyProgress { asO } }',
    ]) {
      const r = await post(query);
      expect(r.status).toBe(400);
      expect(r.text).not.toMatch(/did you mean/i);
    }
  });

  it('GET queries: refused without a preflight-forcing header (CSRF), answered with one', async () => {
    const q = encodeURIComponent('query cop { __typename }');
    const simple = await send({ method: 'GET', path: `?query=${q}` });
    expect(simple.status).toBe(400);
    expect(simple.json?.data).toBeUndefined();
    const preflighted = await send({ method: 'GET', path: `?query=${q}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  it('GET mutations: refused even with the preflight header', async () => {
    const r = await send({
      method: 'GET',
      path: `?query=${encodeURIComponent('mutation cop { syncHolderIndex { department } }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(r.status).toBe(405);
    expect(r.json?.data).toBeUndefined();
  });

  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent('query cop { __typename }')}`],
    ['text/plain', JSON.stringify({ query: 'query cop { __typename }' })],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\nquery cop { __typename }\r\n--x--'],
  ])('POST as %s (a form a page could submit): refused as CSRF', async (contentType, body) => {
    const r = await send({ headers: { 'content-type': contentType }, body });
    expect(r.status).toBe(400);
    expect(r.json?.data).toBeUndefined();
  });

  it('tracing and debug: no trace or timing extensions, even when asked for', async () => {
    const asking = { 'apollo-federation-include-trace': 'ftv1', 'apollo-query-plan-experimental': '1', 'x-debug': '1' };
    for (const query of ['query cop { __typename }', 'query cop { countyProgress { asOf } }']) {
      const r = await post(query, asking);
      expect(r.status).toBe(200);
      expect(r.json?.extensions).toBeUndefined();
      expect(r.text).not.toMatch(/tracing|ftv1|queryPlan|Fetch\(service/i);
    }
    // The development gateway does show the plan (a debugging aid), so the check above can fail.
    const dev = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { authorization: bearer, 'content-type': 'application/json', ...asking },
      body: JSON.stringify({ query: '{ countyProgress { asOf } }' }),
    });
    expect(await dev.text()).toMatch(/queryPlan/i);
  });

  it('stack traces: none in errors, for a syntax error, a validation error or a failed subgraph call', async () => {
    for (const query of ['query cop { __typename {}', 'query cop { nope }', 'query cop { person(idNumber: "bad") { id } }']) {
      const r = await post(query);
      expect(r.text).not.toMatch(/stacktrace|exception|\bat .+\.(ts|js):\d+/);
    }
  });

  it('IDE exposure: no GraphiQL or landing page in production', async () => {
    const landing = await send({ method: 'GET', headers: { accept: 'text/html' } });
    expect(landing.text).not.toMatch(/graphiql|sandbox|<html/i);
    for (const path of ['/ide', '/ide/token?role=county-admin', '/graphiql', '/playground']) {
      const r = await fetch(url.replace('/graphql', path), { headers: { accept: 'text/html' } });
      expect([path, r.status]).toEqual([path, 404]);
    }
  });

  it('without a token nothing of the above is even parsed', async () => {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query cop { __typename }' }),
    });
    expect(r.status).toBe(401);
  });
});
