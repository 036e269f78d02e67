import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createGateway, Gateway } from '@hub/gateway/src/createGateway';
import { freePort } from './fixtures/freePort';
import { startHub, TestHub } from './fixtures/startHub';
import { statusOf } from './fixtures/statusOf';

const root = path.join(__dirname, '..');
const DOSSIER = `query($id: String!) { person(idNumber: $id) { id name hrss { certificates { certificateNumber } } veterans { certificates { certificateNumber } } education { trainings { programme } } } }`;

async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await statusOf(url)) === 200) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

/** The veterans subgraph as a real process of its own, on its own SQLite file, so it can be killed. */
function startVeteransProcess(env: NodeJS.ProcessEnv, port: number): ChildProcess {
  // node with tsx's loader, not the tsx CLI: the CLI forks, and a SIGKILL must reach the server itself.
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'subgraphs', 'veterans', 'src', 'index.ts')], {
    env: { ...env, HUB_VETERANS_PORT: String(port), HUB_DEMO: 'off', HUB_LOG_LEVEL: 'silent' },
    stdio: 'ignore',
  });
}

describe('faults: a department that dies, stalls or loses its database', () => {
  let hub: TestHub;
  let veterans: ChildProcess;
  let veteransPort: number;
  const idNumber = '41092819780515006X';

  beforeAll(async () => {
    // The load below is five clients asking as fast as the gateway answers, which since the gateway
    // shares identical in-flight queries is well past the per-client rate limit; that limit is not
    // what these tests are about (security.test.ts covers it).
    hub = await startHub({ persons: 100, env: { HUB_RATE_LIMIT_PER_SECOND: '100000', HUB_RATE_LIMIT_BURST: '100000' } });
    // The in-process veterans service steps aside for a real process on its own port.
    await hub.subgraphs.veterans.stop();
    veteransPort = await freePort();
    hub.env.HUB_VETERANS_URL = `http://127.0.0.1:${veteransPort}`;
    veterans = startVeteransProcess(hub.env, veteransPort);
    await waitHealthy(`${hub.env.HUB_VETERANS_URL}/health`);
    await hub.restartGateway();
    for (const [m, input] of [
      [
        'recordVeteransCertificate: VeteransCertificateInput',
        {
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_4',
          occupation: '电工',
          certificateNumber: 'FAULT-V-1',
          issuingBody: '鉴定中心',
          issuedOn: '2024-01-01',
        },
      ],
      [
        'recordHrssCertificate: HrssCertificateInput',
        {
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_3',
          occupation: '焊工',
          certificateNumber: 'FAULT-H-1',
          issuingBody: '鉴定中心',
          issuedOn: '2023-01-01',
        },
      ],
    ] as const) {
      const [name, type] = m.split(': ');
      const res = await hub.query(`mutation($i: ${type}!) { ${name}(input: $i) { id } }`, {
        i: { idNumber, name: '故障演练', township: '城关镇', ...input },
      });
      expect(res.errors).toBeUndefined();
    }
    await hub.query('mutation { syncHolderIndex { department } }');
  }, 180_000);

  afterAll(async () => {
    veterans?.kill('SIGKILL');
    await hub?.stop();
  });

  it('keeps answering when a department process is killed under load, names it, and recovers after restart', async () => {
    let stop = false;
    const results: {
      status: number;
      body: { data?: { person?: { veterans?: unknown; hrss?: unknown } }; errors?: { extensions?: Record<string, unknown> }[] };
    }[] = [];
    const other: number[] = [];
    const load = async () => {
      while (!stop) {
        results.push(await hub.queryAs({ subject: 'load', role: 'COUNTY_ADMIN' }, DOSSIER, { id: idNumber }));
        other.push(
          (await hub.queryAs({ subject: 'load', role: 'COUNTY_ADMIN' }, '{ educationCertificates(first: 5) { totalCount } }')).status,
        );
      }
    };
    const workers = Array.from({ length: 5 }, load);
    await new Promise((r) => setTimeout(r, 300));
    veterans.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    const duringOutage = results.length;
    veterans = startVeteransProcess(hub.env, veteransPort);
    await waitHealthy(`${hub.env.HUB_VETERANS_URL}/health`);
    const restarted = Date.now();
    let recoveredAfter = -1;
    while (Date.now() - restarted < 10_000) {
      const res = await hub.query(DOSSIER, { id: idNumber });
      if (!res.errors && res.data.person.veterans) {
        recoveredAfter = Date.now() - restarted;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    stop = true;
    await Promise.all(workers);

    expect(duringOutage).toBeGreaterThan(10);
    // Every answer is an answer: HTTP 200, the person and hrss's part always there.
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.data?.person?.hrss).toBeTruthy();
    }
    const partial = results.filter((r) => r.body.errors);
    expect(partial.length).toBeGreaterThan(0);
    for (const r of partial) {
      expect(r.body.data?.person?.veterans).toBeNull();
      expect(r.body.errors?.[0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'VETERANS' });
    }
    expect(other.every((s) => s === 200)).toBe(true);
    expect(recoveredAfter).toBeGreaterThanOrEqual(0);
    // Nothing written before the crash is lost.
    const after = await hub.query(DOSSIER, { id: idNumber });
    expect(after.data.person.veterans.certificates).toEqual([{ certificateNumber: 'FAULT-V-1' }]);
  }, 120_000);

  it('answers within the timeout when a department stalls, with the others’ data and an error naming it', async () => {
    // A real TCP proxy in front of veterans that holds every response for 3 s.
    const proxy = http.createServer((req, res) => {
      const upstream = http.request(
        { host: '127.0.0.1', port: veteransPort, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          setTimeout(() => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          }, 3000);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    const slowGateway: Gateway = createGateway({
      ...hub.env,
      HUB_VETERANS_URL: `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`,
      HUB_VETERANS_TIMEOUT_MS: '500',
    });
    const url = `http://127.0.0.1:${await slowGateway.listen(0)}/graphql`;
    try {
      const { mintToken, hubSecretsFromEnv } = await import('@hub/auth');
      const token = await mintToken({ subject: 't', role: 'COUNTY_ADMIN' }, hubSecretsFromEnv(hub.env, () => undefined).jwt);
      const started = Date.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: DOSSIER, variables: { id: idNumber } }),
      });
      const elapsed = Date.now() - started;
      const body = (await response.json()) as {
        data: { person: { hrss: { certificates: unknown[] }; veterans: unknown } };
        errors: { message: string; extensions: unknown }[];
      };
      expect(elapsed).toBeLessThan(2500);
      expect(body.data.person.hrss.certificates).toEqual([{ certificateNumber: 'FAULT-H-1' }]);
      expect(body.data.person.veterans).toBeNull();
      expect(body.errors[0].extensions).toMatchObject({ code: 'DEPARTMENT_UNAVAILABLE', department: 'VETERANS' });
      expect(body.errors[0].message).toContain('退役军人事务局');
    } finally {
      await slowGateway.stop();
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  }, 60_000);

  it('reports a lost database as not ready, refuses writes while it is gone, and loses nothing when it returns', async () => {
    const education = hub.subgraphs.education;
    const readyUrl = hub.urls.education.replace('/graphql', '/ready');
    expect(await statusOf(readyUrl)).toBe(200);
    const before = await hub.query('{ educationCertificates { totalCount } }');
    await education.dataSource.destroy();
    expect(await statusOf(readyUrl)).toBe(503);
    const write = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        idNumber,
        name: '故障演练',
        township: '城关镇',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_5',
        occupation: '保育师',
        certificateNumber: 'FAULT-E-1',
        issuingBody: '职教中心',
        issuedOn: '2025-01-01',
      },
    });
    expect(write.errors?.length).toBeGreaterThan(0);
    const dossier = await hub.query(DOSSIER, { id: idNumber });
    expect(dossier.data.person.hrss).toBeTruthy();
    await education.dataSource.initialize();
    expect(await statusOf(readyUrl)).toBe(200);
    const after = await hub.query('{ educationCertificates { totalCount } }');
    expect(after.data.educationCertificates.totalCount).toBe(before.data.educationCertificates.totalCount);
    const retry = await hub.query(
      'mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { certificateNumber } }',
      {
        i: {
          idNumber,
          name: '故障演练',
          township: '城关镇',
          kind: 'SKILL_LEVEL',
          level: 'LEVEL_5',
          occupation: '保育师',
          certificateNumber: 'FAULT-E-1',
          issuingBody: '职教中心',
          issuedOn: '2025-01-01',
        },
      },
    );
    expect(retry.errors).toBeUndefined();
  });

  it('reports readiness of every department at the gateway and exposes Prometheus metrics', async () => {
    const ready = await fetch(hub.gatewayUrl.replace('/graphql', '/ready'));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { subgraphs: unknown }).subgraphs).toMatchObject({ hrss: 'ok', veterans: 'ok', education: 'ok' });
    const metrics = await (await fetch(hub.gatewayUrl.replace('/graphql', '/metrics'))).text();
    expect(metrics).toMatch(/hub_subgraph_requests_total\{[^}]*subgraph="veterans"[^}]*outcome="error"/);
    expect(metrics).toMatch(/hub_graphql_operations_total/);
    const hrssMetrics = await (await fetch(hub.urls.hrss.replace('/graphql', '/metrics'))).text();
    expect(hrssMetrics).toMatch(/hub_http_request_duration_seconds_bucket/);
  });
});
