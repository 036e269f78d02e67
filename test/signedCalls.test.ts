import http from 'node:http';
import type net from 'node:net';
import {
  hubSecretsFromEnv,
  mintToken,
  PRINCIPAL_CLOCK_SKEW_MS,
  PRINCIPAL_HEADER,
  PRINCIPAL_LIFETIME_MS,
  Principal,
  requestPath,
  signCall,
} from '@hub/auth';
import { startHub, TestHub } from './fixtures/startHub';
import { statusOf } from './fixtures/statusOf';

const admin: Principal = { subject: 'admin-zhao', role: 'COUNTY_ADMIN' };
const educationStaff: Principal = { subject: 'clerk-wang', role: 'DEPARTMENT_STAFF', department: 'EDUCATION' };
const DEMO_ID = '410928198512310028';

interface Recorded {
  method: string;
  path: string;
  header: string;
  body: string;
}

/**
 * The gateway's calls to education go through a recording proxy: what an eavesdropper on the hub's
 * internal network would capture. Every replay below uses a header the real gateway signed.
 */
describe('a signed principal header is good for the one call it was signed for', () => {
  let hub: TestHub;
  let proxy: http.Server;
  const recorded: Recorded[] = [];
  let educationBase: string;

  beforeAll(async () => {
    hub = await startHub({ persons: 20 });
    educationBase = hub.env.HUB_EDUCATION_URL!;
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      const answer = async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        recorded.push({ method: req.method!, path: req.url!, header: String(req.headers[PRINCIPAL_HEADER]), body });
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers))
          if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers[name] = value;
        const upstream = await fetch(`${educationBase}${req.url}`, {
          method: req.method,
          headers,
          body: req.method === 'GET' ? undefined : body,
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      };
      req.on('end', () => void answer());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
    hub.env.HUB_EDUCATION_URL = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
    await hub.restartGateway();
  }, 180_000);

  afterAll(async () => {
    hub.env.HUB_EDUCATION_URL = educationBase;
    await new Promise((resolve) => proxy?.close(resolve));
    await hub?.stop();
  });

  const post = async (url: string, body: string, header: string) =>
    await statusOf(url, { method: 'POST', headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: header }, body });

  /** Runs an operation through the gateway and returns the header and body the gateway sent education for it. */
  const capture = async (query: string, variables?: Record<string, unknown>): Promise<Recorded> => {
    recorded.length = 0;
    const answer = await hub.query(query, variables);
    expect(answer.errors).toBeUndefined();
    const call = recorded.find((r) => r.path === '/graphql' && r.header.startsWith('v2.'));
    expect(call).toBeDefined();
    return call!;
  };

  it('still answers through the gateway, including a write and the index sync that reads every change feed', async () => {
    const recordedCert = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        idNumber: DEMO_ID,
        name: '王小丽',
        township: '城关镇',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: '保育师',
        certificateNumber: 'SIGN-1',
        issuingBody: '职教中心',
        issuedOn: '2024-06-01',
      },
    });
    expect(recordedCert.errors).toBeUndefined();
    const sync = await hub.query('mutation { syncHolderIndex { department lastError } }');
    expect(sync.errors).toBeUndefined();
    expect(sync.data.syncHolderIndex.every((d: { lastError: string | null }) => d.lastError === null)).toBe(true);
  });

  it('refuses a header captured from a gateway→education read anywhere else, and replayed verbatim', async () => {
    const captured = await capture('{ educationCertificates { totalCount } }');
    // At hrss, with a body asking for an ID number.
    const reveal = JSON.stringify({ query: `{ person(idNumber: "${DEMO_ID}") { idNumber(purpose: "核对") } }` });
    expect(await post(hub.urls.hrss, reveal, captured.header)).toBe(401);
    // At finance's change feed.
    const feed = await fetch(`${hub.env.HUB_FINANCE_URL}/changes?after=0&limit=10`, { headers: { [PRINCIPAL_HEADER]: captured.header } });
    expect(feed.status).toBe(401);
    // At education, as a mutation.
    const write = JSON.stringify({
      query: 'mutation { revokeEducationCertificate(certificateNumber: "SIGN-1", revokedOn: "2025-01-01", reason: "重放") { id } }',
    });
    expect(await post(`${educationBase}/graphql`, write, captured.header)).toBe(401);
    // At education, the very call again.
    expect(await post(`${educationBase}/graphql`, captured.body, captured.header)).toBe(401);
    // Nothing was revoked.
    const still = await hub.query('{ educationCertificates { nodes { certificateNumber revokedOn } } }');
    expect(still.errors).toBeUndefined();
    expect(still.data.educationCertificates.nodes).toContainEqual({ certificateNumber: 'SIGN-1', revokedOn: null });
  });

  it('refuses a header captured from a gateway→education write as another write, and replayed', async () => {
    const captured = await capture('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        idNumber: DEMO_ID,
        name: '王小丽',
        township: '城关镇',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_3',
        occupation: '保育师',
        certificateNumber: 'SIGN-2',
        issuingBody: '职教中心',
        issuedOn: '2024-07-01',
      },
    });
    const other = captured.body.replace('SIGN-2', 'SIGN-3');
    expect(other).not.toBe(captured.body);
    expect(await post(`${educationBase}/graphql`, other, captured.header)).toBe(401);
    expect(await post(`${educationBase}/graphql`, captured.body, captured.header)).toBe(401);
    const three = await hub.query('{ educationCertificates { nodes { certificateNumber } } }');
    expect(JSON.stringify(three.data)).not.toContain('SIGN-3');
  });

  describe('a header signed with the key, but for something else', () => {
    const key = () => hubSecretsFromEnv(hub.env, () => undefined).signingKey;
    const body = JSON.stringify({ query: '{ educationCertificates { totalCount } }' });
    const url = () => `${educationBase}/graphql`;
    const good = { audience: 'education', method: 'POST', path: '/graphql', body };

    it('is accepted when it is for this call (the control)', async () => {
      expect(await post(url(), body, signCall(admin, key(), good))).toBe(200);
    });

    it.each([
      ['another subgraph', { ...good, audience: 'hrss' }, 0],
      ['another path', { ...good, path: '/graphql?x=1' }, 0],
      ['another method', { ...good, method: 'PUT' }, 0],
      ['another body', { ...good, body: body.replace('totalCount', 'totalCount ') }, 0],
      ['expired', good, -(PRINCIPAL_LIFETIME_MS + PRINCIPAL_CLOCK_SKEW_MS + 1000)],
      ['dated in the future', good, PRINCIPAL_CLOCK_SKEW_MS + 1000],
    ] as const)('is refused with 401: %s', async (_name, call, shift) => {
      expect(await post(url(), body, signCall(admin, key(), call, Date.now() + shift))).toBe(401);
    });

    it('is refused on the change feed for another query string, and for a feed page with a body', async () => {
      const service: Principal = { subject: 'hrss-holder-index', role: 'SERVICE' };
      const feedUrl = `${educationBase}/changes?after=0&limit=10`;
      const forOtherPage = signCall(service, key(), {
        audience: 'education',
        method: 'GET',
        path: requestPath(`${educationBase}/changes?after=0&limit=5000`),
      });
      expect(await statusOf(feedUrl, { headers: { [PRINCIPAL_HEADER]: forOtherPage } })).toBe(401);
      const withBody = signCall(service, key(), { audience: 'education', method: 'GET', path: requestPath(feedUrl), body: 'x' });
      expect(await statusOf(feedUrl, { headers: { [PRINCIPAL_HEADER]: withBody } })).toBe(401);
      const right = signCall(service, key(), { audience: 'education', method: 'GET', path: requestPath(feedUrl) });
      expect(await statusOf(feedUrl, { headers: { [PRINCIPAL_HEADER]: right } })).toBe(200);
    });
  });

  describe('uploads', () => {
    const CSV = [
      '姓名,身份证号,乡镇,职业(工种),证书类别,等级,证书编号,发证机构,发证日期',
      '张三,410928198512310028,柳屯镇,焊工,职业技能等级证书,四级,UP-1,职教中心,2024-05-01',
    ].join('\n');

    it('go through the gateway signed for their bytes; the captured header carries no other file', async () => {
      recorded.length = 0;
      const token = await mintToken(educationStaff, hubSecretsFromEnv(hub.env, () => undefined).jwt);
      const gateway = hub.gatewayUrl.replace('/graphql', '');
      const response = await fetch(`${gateway}/departments/education/import?filename=roster.csv&dryRun=1`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: CSV,
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { accepted: number }).accepted).toBe(1);
      const captured = recorded.find((r) => r.path.startsWith('/import'))!;
      expect(captured.path).toBe('/import?filename=roster.csv&dryRun=1');
      const swap = async (path: string, body: string) =>
        (
          await fetch(`${educationBase}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'text/csv', [PRINCIPAL_HEADER]: captured.header },
            body,
          })
        ).status;
      expect(await swap('/import?filename=roster.csv&dryRun=1', CSV.replace('UP-1', 'UP-2'))).toBe(401);
      expect(await swap('/import?filename=roster.csv', CSV)).toBe(401);
      expect(await swap('/import?filename=roster.csv&dryRun=1', CSV)).toBe(401);
      const certificates = await hub.query('{ educationCertificates { nodes { certificateNumber } } }');
      expect(JSON.stringify(certificates.data)).not.toMatch(/UP-[12]/);
      // A query string that needs escaping is signed as it goes on the request line.
      const named = await fetch(`${gateway}/departments/education/import?filename=${encodeURIComponent('花名册 (1).csv')}&dryRun=1`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
        body: CSV,
      });
      expect(named.status).toBe(200);
      expect(((await named.json()) as { file: string }).file).toBe('花名册 (1).csv');
    });
  });
});
