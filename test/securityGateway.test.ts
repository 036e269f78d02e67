import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SignJWT, UnsecuredJWT } from 'jose';
import { createJwtVerifier, hubSecretsFromEnv, mintToken, Principal } from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';
import { revealWritings } from './fixtures/revealWritings';
import { devToken, TokenRefused } from '../scripts/token';

const key = () => randomBytes(32).toString('hex');
const secrets = { HUB_PERSON_KEY: key(), HUB_ID_ENCRYPTION_KEY: key(), HUB_JWT_SECRET: key(), HUB_SUBGRAPH_SIGNING_KEY: key() };
const ID = '410928198504120021';
const admin: Principal = { subject: 'admin-sec', role: 'COUNTY_ADMIN' };

/** `fragment F1 { ...F2 ...F2 } fragment F2 { ...F3 ...F3 } …`: what the chain expands to doubles per fragment. */
function doublingChain(fragments: number): string {
  const defs = Array.from({ length: fragments }, (_, i) =>
    i + 1 === fragments
      ? `fragment F${i + 1} on CountyProgress { asOf }`
      : `fragment F${i + 1} on CountyProgress { ...F${i + 2} ...F${i + 2} }`,
  );
  return `{ countyProgress { ...F1 } } ${defs.join(' ')}`;
}

describe('gateway hardening', () => {
  let hub: TestHub;
  let personId: string;

  beforeAll(async () => {
    hub = await startHub({ persons: 20, env: secrets });
    const recorded = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        idNumber: ID,
        name: '审计测试',
        township: '城关镇',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: '保育师',
        certificateNumber: 'SECGW-1',
        issuingBody: '职教中心',
        issuedOn: '2024-06-01',
      },
    });
    expect(recorded.errors).toBeUndefined();
    await hub.query('mutation { syncHolderIndex { department } }');
    personId = (await hub.query(`{ person(idNumber: "${ID}") { id } }`)).data.person.id;
  }, 180_000);
  afterAll(() => hub?.stop());

  const post = async (body: unknown, authorization?: string) => {
    const started = performance.now();
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), ms: performance.now() - started };
  };
  const jwt = () => hubSecretsFromEnv(hub.env, () => undefined).jwt;

  describe('operation limits over HTTP', () => {
    it('refuses a 30-fragment doubling chain at once, and /health keeps answering meanwhile', async () => {
      const token = `Bearer ${await mintToken(admin, jwt())}`;
      const attacks = Array.from({ length: 8 }, () => post({ query: doublingChain(30) }, token));
      const healthStarted = performance.now();
      const health = await fetch(hub.gatewayUrl.replace('/graphql', '/health'));
      const healthMs = performance.now() - healthStarted;
      const refused = await Promise.all(attacks);
      expect(health.status).toBe(200);
      expect(healthMs).toBeLessThan(2_000);
      for (const r of refused) {
        expect(r.status).toBe(400);
        expect(r.text).toMatch(/COST_LIMIT|FIELD_LIMIT/);
      }
      // One at a time: the round trip (token check, parse, measure, refuse) on a loaded machine; expanding would take hours.
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push((await post({ query: doublingChain(30) }, token)).ms);
      expect(times.sort((a, b) => a - b)[2]).toBeLessThan(500);
    });

    it('refuses huge or deep variables with a 400 at once (graphql-js took 20 s on 1,600 unknown fields; deep ones overflowed the stack: 500)', async () => {
      const token = `Bearer ${await mintToken(admin, jwt())}`;
      const raw = async (query: string, variablesJson: string) => {
        const started = performance.now();
        const response = await fetch(hub.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: token },
          body: `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`,
        });
        return { status: response.status, text: await response.text(), ms: performance.now() - started };
      };
      const filter = 'query($f: TrainingVoucherFilter) { trainingVouchers(filter: $f, first: 1) { totalCount } }';
      const cases = [
        [filter, JSON.stringify({ f: Object.fromEntries(Array.from({ length: 1600 }, (_, i) => [`k${i}`, i])) }), 'UNKNOWN_INPUT_FIELD'],
        ['{ countyProgress { asOf } }', `{"x":${'['.repeat(20_000)}1${']'.repeat(20_000)}}`, 'VARIABLE_DEPTH_LIMIT'],
        [
          '{ countyProgress { asOf } }',
          JSON.stringify(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`v${i}`, i]))),
          'VARIABLE_VALUES_LIMIT',
        ],
      ];
      for (const [query, variables, reason] of cases) {
        const r = await raw(query, variables);
        expect([reason, r.status]).toEqual([reason, 400]);
        expect(r.text).toContain(reason);
        expect(r.ms).toBeLessThan(1_000);
      }
      expect((await raw(filter, '{"f":{"state":"ISSUED"}}')).status).toBe(200);
    });

    it('still answers an ordinary query', async () => {
      const ok = await hub.query('{ countyProgress { asOf certificateHolders { value } } }');
      expect(ok.errors).toBeUndefined();
    });

    it('a subgraph called directly is not slowed by the chain either (graphql-js collects each fragment once)', async () => {
      const started = performance.now();
      const res = await hub.querySubgraph('county', doublingChain(30));
      expect(res.status).toBeLessThan(500);
      expect(performance.now() - started).toBeLessThan(2_000);
    });
  });

  describe('ID reveals', () => {
    const auditedWith = async (purpose: string) => {
      await hub.query('mutation { syncHolderIndex { department } }');
      const audit = await hub.query(`{ auditLog(personId: "${personId}", first: 100) { nodes { purpose } } }`);
      expect(audit.errors).toBeUndefined();
      return audit.data.auditLog.nodes.filter((n: { purpose: string }) => n.purpose === purpose).length;
    };

    it('audits N simultaneous reveals through the gateway N times, however they are written', async () => {
      const purpose = `并发核对-${randomBytes(3).toString('hex')}`;
      const writings = revealWritings(ID, purpose);
      const copies = 2;
      const answers = await Promise.all(writings.flatMap((w) => Array.from({ length: copies }, () => hub.query(w.query, w.variables))));
      for (const a of answers) {
        expect(a.errors).toBeUndefined();
        expect(JSON.stringify(a.data)).toContain(ID);
      }
      expect(await auditedWith(purpose)).toBe(writings.length * copies);
    });

    it('audits N simultaneous reveals sent straight to the subgraph N times', async () => {
      const purpose = `直连核对-${randomBytes(3).toString('hex')}`;
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { education { person { idNumber,(purpose: "${purpose}") } } } } }`;
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => hub.querySubgraph('education', query, { r: [{ __typename: 'Person', id: personId }] }, admin)),
      );
      for (const a of answers) expect(JSON.stringify(a.body)).toContain(ID);
      expect(await auditedWith(purpose)).toBe(6);
    });
  });

  describe('bearer tokens at the gateway', () => {
    const query = { query: '{ countyProgress { asOf } }' };
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => new SignJWT({ role: 'COUNTY_ADMIN' }).setSubject('admin').setIssuer(jwt().issuer).setAudience(jwt().audience);

    it('accepts a well-formed token and refuses one without exp, too long-lived, unsigned, or with another algorithm', async () => {
      const secret = new Uint8Array(jwt().secret!);
      const good = await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('1h').sign(secret);
      expect((await post(query, `Bearer ${good}`)).status).toBe(200);
      const refused = {
        'no exp': await claims().setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(secret),
        'no iat': await claims().setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(secret),
        'a year long': await claims()
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuedAt()
          .setExpirationTime(now() + 365 * 86400)
          .sign(secret),
        HS512: await claims().setProtectedHeader({ alg: 'HS512' }).setIssuedAt().setExpirationTime('1h').sign(secret),
        none: new UnsecuredJWT({ role: 'COUNTY_ADMIN' })
          .setSubject('admin')
          .setIssuer(jwt().issuer)
          .setAudience(jwt().audience)
          .setIssuedAt()
          .setExpirationTime('1h')
          .encode(),
      };
      for (const [name, token] of Object.entries(refused))
        expect([name, (await post(query, `Bearer ${token}`)).status]).toEqual([name, 401]);
    });
  });

  describe('npm run token', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-token-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('refuses to run in production mode and writes nothing', async () => {
      const run = promisify(execFile);
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HUB_') && k !== 'NODE_ENV'));
      const script = path.join(__dirname, '..', 'scripts', 'token.ts');
      await expect(
        run(path.join(__dirname, '..', 'node_modules', '.bin', 'tsx'), [script, '--role', 'analyst'], {
          env: { ...clean, HUB_MODE: 'production', HUB_DATA_DIR: dir },
        }),
      ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('production') });
      await expect(devToken(['--role', 'analyst'], { NODE_ENV: 'production', HUB_DATA_DIR: dir })).rejects.toThrow(TokenRefused);
      expect(fs.readdirSync(dir)).toEqual([]);
    }, 60_000);

    it('reads the development secrets npm start wrote, and never writes them itself', async () => {
      expect(await devToken(['--role', 'analyst'], { HUB_DATA_DIR: dir })).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(fs.readdirSync(dir)).toEqual([]);
      const devSecret = key();
      fs.writeFileSync(path.join(dir, 'dev-secrets.json'), JSON.stringify({ HUB_JWT_SECRET: devSecret }));
      const minted = await devToken(['--role', 'analyst'], { HUB_DATA_DIR: dir });
      await expect(createJwtVerifier(hubSecretsFromEnv({ HUB_JWT_SECRET: devSecret }, () => undefined).jwt)(minted)).resolves.toMatchObject(
        { role: 'ANALYST' },
      );
      expect(fs.readdirSync(dir)).toEqual(['dev-secrets.json']);
    });

    it('refuses a lifetime the gateway would refuse', async () => {
      await expect(devToken(['--role', 'analyst', '--expires', '30d'], { HUB_DATA_DIR: dir })).rejects.toThrow(
        'HUB_JWT_MAX_LIFETIME_SECONDS',
      );
      await expect(
        devToken(['--role', 'analyst', '--expires', '2h'], { HUB_DATA_DIR: dir, HUB_JWT_MAX_LIFETIME_SECONDS: '3600' }),
      ).rejects.toThrow(TokenRefused);
    });
  });
});
