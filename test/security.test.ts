import { randomBytes } from 'node:crypto';
import { createSubgraph } from '@hub/subgraph-kit';
import { mintToken, hubSecretsFromEnv, PRINCIPAL_HEADER, requestPath, signCall, Principal } from '@hub/auth';
import { createGateway, Gateway } from '@hub/gateway/src/createGateway';
import { department as educationDepartment } from '@hub/subgraph-education/src/department';
import { startHub, TestHub } from './fixtures/startHub';

const key = () => randomBytes(32).toString('hex');
/** Real (non-development) secrets, so a production-mode gateway can run against the same subgraphs. */
const secrets = { HUB_PERSON_KEY: key(), HUB_ID_ENCRYPTION_KEY: key(), HUB_JWT_SECRET: key(), HUB_SUBGRAPH_SIGNING_KEY: key() };

const FULL_ID = /\b\d{17}[\dX]\b/;
const dashboard: Principal = { subject: 'big-screen', role: 'DASHBOARD' };
const analyst: Principal = { subject: 'analyst-li', role: 'ANALYST' };
const educationStaff: Principal = { subject: 'clerk-wang', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const admin: Principal = { subject: 'admin-zhao', role: 'COUNTY_ADMIN' };
const DEMO_ID = '410928198512310028';

describe('who may see and change what', () => {
  let hub: TestHub;
  let prod: Gateway;
  let prodUrl: string;

  beforeAll(async () => {
    hub = await startHub({ persons: 200, env: { ...secrets, HUB_MIN_CELL_SIZE: '5' } });
    await hub.query('mutation { syncHolderIndex { department } }');
    const recorded = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        idNumber: DEMO_ID,
        name: '王小丽',
        township: '城关镇',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: '保育师',
        certificateNumber: 'SEC-EDU-1',
        issuingBody: '职教中心',
        issuedOn: '2024-06-01',
      },
    });
    expect(recorded.errors).toBeUndefined();
    await hub.query('mutation { syncHolderIndex { department } }');
    prod = createGateway({ ...hub.env, HUB_MODE: 'production' });
    prodUrl = `http://127.0.0.1:${await prod.listen(0)}/graphql`;
  }, 180_000);

  afterAll(async () => {
    await prod?.stop();
    await hub?.stop();
  });

  const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  };
  const bearer = async (who: Principal) => ({
    authorization: `Bearer ${await mintToken(who, hubSecretsFromEnv(hub.env, () => undefined).jwt)}`,
  });

  describe('authentication at the gateway', () => {
    it('answers /health without a token but nothing else', async () => {
      expect((await fetch(hub.gatewayUrl.replace('/graphql', '/health'))).status).toBe(200);
      const res = await hub.queryAs(null, '{ countyProgress { certificateHolders { value } } }');
      expect(res.status).toBe(401);
      expect(JSON.stringify(res.body)).not.toMatch(FULL_ID);
    });

    it('refuses a malformed token, a token signed with another secret, and an expired token', async () => {
      const query = { query: '{ countyProgress { asOf } }' };
      expect((await post(hub.gatewayUrl, query, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
      const forged = await mintToken(admin, { secret: randomBytes(32), issuer: 'puyang-skills-hub', audience: 'puyang-skills-hub' });
      expect((await post(hub.gatewayUrl, query, { authorization: `Bearer ${forged}` })).status).toBe(401);
      const expired = await mintToken(admin, hubSecretsFromEnv(hub.env, () => undefined).jwt, '-1m');
      expect((await post(hub.gatewayUrl, query, { authorization: `Bearer ${expired}` })).status).toBe(401);
    });
  });

  describe('a dashboard token', () => {
    it('reads county aggregates', async () => {
      const res = await hub.queryAs(
        dashboard,
        '{ countyProgress { certificateHolders { value target } byTownship { label holders suppressed } } }',
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.countyProgress.certificateHolders.target).toBe(300000);
    });

    it.each([
      ['person', `{ person(idNumber: "${DEMO_ID}") { id name } }`],
      ['people', '{ people(first: 5) { nodes { id idNumberMasked } } }'],
      ['a department list', '{ educationCertificates(first: 5) { nodes { certificateNumber } } }'],
      ['the audit log', '{ auditLog { totalCount } }'],
    ])('gets no person-level record from %s', async (_name, query) => {
      const res = await hub.queryAs(dashboard, query);
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(res.body.data?.person ?? res.body.data?.people ?? res.body.data?.educationCertificates ?? null).toBeNull();
      expect(JSON.stringify(res.body)).not.toMatch(FULL_ID);
    });

    it('sees small groups perturbed to 0 (left out) or 5 and never 1–4, where the county administrator sees them exactly', async () => {
      const query = '{ countyProgress(asOf: "2025-12-31") { byOccupation(limit: 200) { key holders certificates suppressed } } }';
      const forDashboard = (await hub.queryAs(dashboard, query)).body.data.countyProgress.byOccupation;
      const forAdmin = (await hub.queryAs(admin, query)).body.data.countyProgress.byOccupation;
      const small = forAdmin.filter((r: { holders: number }) => r.holders < 5);
      expect(small.length).toBeGreaterThan(0);
      for (const row of small) {
        const seen = forDashboard.find((r: { key: string }) => r.key === row.key);
        expect(seen === undefined || seen.holders === 5).toBe(true);
      }
      for (const row of forDashboard) expect(row.holders).toBeGreaterThanOrEqual(5);
    });
  });

  describe('an analyst token', () => {
    it('may not browse people nor reveal an ID number: analysts read aggregates only', async () => {
      const list = await hub.queryAs(analyst, '{ people(first: 20) { nodes { idNumberMasked education { person { idNumberMasked } } } } }');
      expect(list.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(list.body.errors?.[0].message).toContain('数据分析人员无权浏览人员名单');
      expect(JSON.stringify(list.body)).not.toMatch(/410928/);
      const reveal = await hub.queryAs(
        analyst,
        `{ person(idNumber: "${DEMO_ID}") { education { person { idNumber(purpose: "核对") } } } }`,
      );
      expect(reveal.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(reveal.body)).not.toContain(DEMO_ID);
    });
  });

  describe('a department staff token', () => {
    const input = {
      idNumber: '41092819900101001X',
      name: '李明',
      township: '柳屯镇',
      kind: 'SKILL_LEVEL',
      level: 'LEVEL_5',
      occupation: '电工',
      issuingBody: '鉴定中心',
      issuedOn: '2025-01-01',
    };

    it('writes its own department’s records', async () => {
      const res = await hub.queryAs(
        educationStaff,
        'mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { certificateNumber } }',
        {
          i: { ...input, certificateNumber: 'SEC-EDU-2' },
        },
      );
      expect(res.body.errors).toBeUndefined();
    });

    it('is refused a write to another department, and nothing is written', async () => {
      const before = await hub.query('{ hrssCertificates { totalCount } }');
      const res = await hub.queryAs(
        educationStaff,
        'mutation($i: HrssCertificateInput!) { recordHrssCertificate(input: $i) { certificateNumber } }',
        {
          i: { ...input, certificateNumber: 'SEC-HRSS-1' },
        },
      );
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const revoke = await hub.queryAs(
        educationStaff,
        'mutation { revokeHrssCertificate(certificateNumber: "X", revokedOn: "2025-01-01", reason: "test") { id } }',
      );
      expect(revoke.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const after = await hub.query('{ hrssCertificates { totalCount } }');
      expect(after.data.hrssCertificates.totalCount).toBe(before.data.hrssCertificates.totalCount);
    });

    it('sees its own department’s part of a dossier but not another department’s', async () => {
      const res = await hub.queryAs(
        educationStaff,
        `{ person(idNumber: "${DEMO_ID}") { education { certificates { certificateNumber } } hrss { certificates { certificateNumber } } } }`,
      );
      expect(res.body.data.person.education.certificates.map((c: { certificateNumber: string }) => c.certificateNumber)).toContain(
        'SEC-EDU-1',
      );
      expect(res.body.errors?.some((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.includes('hrss'))).toBe(true);
    });

    it('reveals a full ID number of its own department only with a purpose, and the reveal is audited', async () => {
      const noPurpose = await hub.queryAs(
        educationStaff,
        `{ person(idNumber: "${DEMO_ID}") { education { person { idNumber(purpose: " ") } } } }`,
      );
      expect(noPurpose.body.errors?.[0].extensions?.reason).toBe('PURPOSE_REQUIRED');
      const reveal = await hub.queryAs(
        educationStaff,
        `{ person(idNumber: "${DEMO_ID}") { id education { person { idNumber(purpose: "补贴发放核对身份") } } } }`,
      );
      expect(reveal.body.errors).toBeUndefined();
      expect(reveal.body.data.person.education.person.idNumber).toBe(DEMO_ID);
      await hub.query('mutation { syncHolderIndex { department } }');
      const audit = await hub.query(
        `{ auditLog(personId: "${reveal.body.data.person.id}") { totalCount nodes { subject role department field purpose person { id } } } }`,
      );
      expect(audit.errors).toBeUndefined();
      expect(audit.data.auditLog.nodes).toContainEqual({
        subject: 'clerk-wang',
        role: 'DEPARTMENT_STAFF',
        department: 'EDUCATION',
        field: 'idNumber',
        purpose: '补贴发放核对身份',
        person: { id: reveal.body.data.person.id },
      });
      const notAdmin = await hub.queryAs(educationStaff, '{ auditLog { totalCount } }');
      expect(notAdmin.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('direct calls to a subgraph', () => {
    it('answers 401 without the gateway’s signature, with a forged one, and with an old one', async () => {
      const query = '{ educationCertificates { totalCount } }';
      expect((await hub.querySubgraph('education', query, undefined, null)).status).toBe(401);
      const call = { audience: 'education', method: 'POST', path: requestPath(hub.urls.education), body: JSON.stringify({ query }) };
      const forged = signCall(admin, randomBytes(32), call);
      expect((await post(hub.urls.education, { query }, { [PRINCIPAL_HEADER]: forged })).status).toBe(401);
      const old = signCall(admin, Buffer.from(secrets.HUB_SUBGRAPH_SIGNING_KEY, 'hex'), call, Date.now() - 10 * 60_000);
      expect((await post(hub.urls.education, { query }, { [PRINCIPAL_HEADER]: old })).status).toBe(401);
      expect((await fetch(hub.urls.education.replace('/graphql', '/changes'))).status).toBe(401);
      expect((await hub.querySubgraph('education', query)).status).toBe(200);
    });

    it('serves the change feed to the service role only', async () => {
      const feed = hub.urls.education.replace('/graphql', '/changes?after=0&limit=1');
      expect((await fetch(feed, { headers: hub.signedHeaders(analyst, { url: feed }) })).status).toBe(403);
      expect((await fetch(feed, { headers: hub.signedHeaders({ subject: 'hrss', role: 'SERVICE' }, { url: feed }) })).status).toBe(200);
    });
  });

  describe('the same rules on a subgraph called directly with a signed identity', () => {
    const service: Principal = { subject: 'county-holder-index', role: 'SERVICE' };
    const code = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions?.code;

    it.each([
      ['a dashboard reads a department list', dashboard, 'education', '{ educationCertificates { totalCount } }', 'FORBIDDEN'],
      ['an analyst reads a department list', analyst, 'education', '{ educationCertificates { totalCount } }', 'FORBIDDEN'],
      [
        'an analyst pages a department’s trainings',
        analyst,
        'education',
        '{ educationTrainings(first: 100) { nodes { id } } }',
        'FORBIDDEN',
      ],
      ['an analyst reads the people list', analyst, 'county', '{ people { totalCount } }', 'FORBIDDEN'],
      ['an analyst reads the grouping', analyst, 'county', '{ aggregate(dimensions: [TOWNSHIP]) { rows { holders } } }', undefined],
      ['the service role reads a department list', service, 'education', '{ educationCertificates { totalCount } }', undefined],
      ['education staff read hrss’s list', educationStaff, 'hrss', '{ hrssCertificates { totalCount } }', 'FORBIDDEN'],
      ['education staff read their own list', educationStaff, 'education', '{ educationCertificates { totalCount } }', undefined],
      [
        'an analyst records a certificate',
        analyst,
        'education',
        'mutation { revokeEducationCertificate(certificateNumber: "SEC-EDU-1", revokedOn: "2025-01-01", reason: "x") { id } }',
        'FORBIDDEN',
      ],
      ['an analyst triggers the index sync', analyst, 'county', 'mutation { syncHolderIndex { department } }', 'FORBIDDEN'],
      ['the service role triggers the index sync', service, 'county', 'mutation { syncHolderIndex { department } }', undefined],
      [
        'an analyst sets the employed population',
        analyst,
        'county',
        'mutation { setEmployedPopulation(value: 400000) { employedPopulation } }',
        'FORBIDDEN',
      ],
      ['a dashboard reads the audit log', dashboard, 'county', '{ auditLog { totalCount } }', 'FORBIDDEN'],
      ['the county administrator reads the audit log', admin, 'county', '{ auditLog { totalCount } }', undefined],
    ] as const)('%s: %s', async (_name, who, slug, query, expected) => {
      const res = await hub.querySubgraph(slug, query, undefined, who);
      expect(res.status).toBe(200);
      expect(code(res)).toBe(expected);
    });

    it.each([
      ['a dashboard', dashboard],
      ['an analyst', analyst],
    ] as const)('refuses a department field of Person to %s even through an entity reference', async (_name, who) => {
      const people = await hub.query('{ people(first: 3) { nodes { id } } }');
      const representations = people.data.people.nodes.map((n: { id: string }) => ({ __typename: 'Person', id: n.id }));
      const res = await hub.querySubgraph(
        'education',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { education { certificates { id } } } } }',
        { r: representations },
        who,
      );
      expect(code(res)).toBe('FORBIDDEN');
      expect(JSON.stringify(res.body)).not.toMatch(FULL_ID);
      const master = await hub.querySubgraph(
        'county',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumberMasked name } } }',
        { r: representations },
        who,
      );
      expect(code(master)).toBe('FORBIDDEN');
      expect(JSON.stringify(master.body)).not.toMatch(/410928/);
    });
  });

  describe('abuse limits', () => {
    it('refuses 100 aliases with a clear error', async () => {
      const query = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: countyProgress { asOf }`).join(' ')} }`;
      const res = await hub.queryAs(admin, query);
      expect(res.body.errors?.[0].extensions?.reason).toBe('ALIAS_LIMIT');
      expect(res.body.errors?.[0].message).toContain('别名');
    });

    it('refuses a query nested 20 deep', async () => {
      let selection = 'id';
      for (let i = 0; i < 10; i++)
        selection = `person { education { certificates { ${selection} } } }`.replace('certificates { person', 'certificates { person');
      const query = `{ educationCertificates { nodes { ${selection} } } }`;
      const res = await hub.queryAs(admin, query);
      expect(res.body.errors?.[0].extensions?.reason).toBe('DEPTH_LIMIT');
      expect(res.body.errors?.[0].message).toContain('深度');
    });

    it('refuses a query whose estimated cost is too high', async () => {
      const res = await hub.queryAs(
        admin,
        '{ people(first: 100) { nodes { hrss { certificates { person { education { certificates { person { hrss { certificates { certificateNumber } } } } } } } } } } }',
      );
      expect(res.body.errors?.[0].extensions?.reason).toBe('COST_LIMIT');
    });

    it('refuses an oversized body, a batched request and a huge token stream', async () => {
      const headers = await bearer(admin);
      const big = await post(hub.gatewayUrl, { query: `{ countyProgress { asOf } } # ${'x'.repeat(70_000)}` }, headers);
      expect(big.status).toBe(413);
      const batch = await post(
        hub.gatewayUrl,
        [{ query: '{ countyProgress { asOf } }' }, { query: '{ countyProgress { asOf } }' }],
        headers,
      );
      expect(batch.status).toBe(400);
      const tokens = await post(hub.gatewayUrl, { query: `{ countyProgress { ${'asOf '.repeat(5000)} } }` }, headers);
      expect(tokens.text).toMatch(/token/i);
    });

    it('rate-limits a client that sends too much', async () => {
      const limited = createGateway({ ...hub.env, HUB_RATE_LIMIT_PER_SECOND: '1', HUB_RATE_LIMIT_BURST: '3' });
      const url = `http://127.0.0.1:${await limited.listen(0)}/graphql`;
      try {
        const headers = await bearer(analyst);
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) statuses.push((await post(url, { query: '{ countyProgress { asOf } }' }, headers)).status);
        expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
        expect(statuses).toContain(429);
      } finally {
        await limited.stop();
      }
    });

    it('refuses a request without the JSON content type (CSRF prevention)', async () => {
      const response = await fetch(`${hub.gatewayUrl}?query=${encodeURIComponent('{ countyProgress { asOf } }')}`, {
        headers: await bearer(admin),
      });
      expect(response.status).toBe(400);
    });
  });

  describe('production mode', () => {
    it('refuses introspection and hides field suggestions', async () => {
      const headers = await bearer(admin);
      const introspection = JSON.parse((await post(prodUrl, { query: '{ __schema { types { name } } }' }, headers)).text);
      expect(introspection.errors?.[0].message).toMatch(/introspection/i);
      const typo = JSON.parse((await post(prodUrl, { query: '{ countyProgres { asOf } }' }, headers)).text);
      expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    });

    it('masks internal errors: no stack traces, no SQL, no internal addresses', async () => {
      const broken = createGateway({ ...hub.env, HUB_MODE: 'production', HUB_COUNTY_URL: 'http://127.0.0.1:1' });
      const url = `http://127.0.0.1:${await broken.listen(0)}/graphql`;
      try {
        const res = await post(url, { query: '{ countyProgress { asOf } }' }, await bearer(admin));
        expect(res.text).not.toMatch(/127\.0\.0\.1|stacktrace|ECONNREFUSED|SELECT/);
        expect(JSON.parse(res.text).errors.length).toBeGreaterThan(0);
      } finally {
        await broken.stop();
      }
    });

    it('refuses to start with development secrets', () => {
      expect(() => createGateway({ ...hub.env, HUB_MODE: 'production', HUB_DEV_SECRETS: '1' })).toThrow(/开发密钥|development/);
      const noSecrets = { HUB_MODE: 'production', HUB_DATA_DIR: hub.env.HUB_DATA_DIR };
      expect(() => createGateway(noSecrets)).toThrow(/HUB_SUBGRAPH_SIGNING_KEY/);
      expect(() => createSubgraph({ definition: educationDepartment, schemaFile: 'unused', migrations: [], env: noSecrets })).toThrow(
        /HUB_PERSON_KEY/,
      );
    });
  });
});
