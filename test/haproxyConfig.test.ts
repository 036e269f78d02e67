import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/lib/freePort';
import { haproxyConfig, parseHaproxyStats } from '../scripts/lib/haproxyConfig';
import { requireBinary } from './fixtures/systemPackage';

const config = haproxyConfig({
  statsPort: 18999,
  checkIntervalMs: 400,
  services: [
    {
      slug: 'gateway',
      bindHost: '0.0.0.0',
      port: 4400,
      replicas: [
        { name: 'gateway1', host: '10.0.0.11', port: 4000, checkPort: 4100 },
        { name: 'gateway2', host: '10.0.0.12', port: 4000, checkPort: 4100 },
      ],
    },
    {
      slug: 'civil-affairs',
      bindHost: '127.0.0.1',
      port: 4405,
      replicas: [{ name: 'civil-affairs1', host: '127.0.0.1', port: 4005, checkPort: 4005 }],
    },
  ],
});

describe('the generated HAProxy configuration', () => {
  it('checks every replica on /ready at its check port and keeps an unchecked backup of each', () => {
    expect(config).toContain('option httpchk GET /ready');
    expect(config).toContain('server gateway1 10.0.0.11:4000 check port 4100');
    expect(config).toContain('server gateway2_unchecked 10.0.0.12:4000 backup');
    expect(config).toContain('backend civil_affairs');
    expect(config).toMatch(/inter 400 .*fall 2 rise 2/);
  });

  it('retries a dead replica on another, but never resends a delivered mutation or import', () => {
    expect(config).toContain('option redispatch 1');
    expect(config).toContain('retry-on conn-failure empty-response response-timeout');
    expect(config).toContain('http-request disable-l7-retry if { method POST } { req.body -m sub -i mutation }');
    expect(config).toContain('http-request disable-l7-retry if { method POST } !{ path /graphql }');
  });

  const haproxy = requireBinary('haproxy', 'haproxy');
  (haproxy ? it : it.skip)('is accepted by haproxy -c', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-haproxy-'));
    try {
      fs.writeFileSync(path.join(dir, 'haproxy.cfg'), config);
      expect(execFileSync(haproxy!, ['-c', '-f', path.join(dir, 'haproxy.cfg')], { encoding: 'utf8' })).toMatch(/valid/);
      // And the annotated example operators copy.
      expect(execFileSync(haproxy!, ['-c', '-f', path.join(__dirname, '..', 'deploy', 'haproxy.cfg')], { encoding: 'utf8' })).toMatch(
        /valid/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HAProxy statistics', () => {
  it('gives each server state and leaves out the frontend and backend totals', () => {
    const csv =
      '# pxname,svname,qcur,status,x\ngateway_in,FRONTEND,,OPEN,\ngateway,gateway1,0,DOWN,\ngateway,gateway2,0,UP,\ngateway,BACKEND,0,UP,\n';
    expect(parseHaproxyStats(csv)).toEqual([
      { backend: 'gateway', server: 'gateway1', status: 'DOWN' },
      { backend: 'gateway', server: 'gateway2', status: 'UP' },
    ]);
  });
});

const haproxyBinary = requireBinary('haproxy', 'haproxy');

/**
 * The retry rules against a real HAProxy: two stand-in gateways, one of which drops every POST it
 * receives without answering (a gateway dying mid-request). A query is resent to the other; a mutation
 * or an import is delivered once and never again.
 */
(haproxyBinary ? describe : describe.skip)('HAProxy with a gateway that dies mid-request', () => {
  const received: { server: string; path: string; body: string }[] = [];
  const servers: http.Server[] = [];
  let proxy: ChildProcess;
  let dir: string;
  let url: string;

  const standIn = (name: string, dies: boolean) =>
    http.createServer((req, res) => {
      if (req.method === 'GET') return void res.end('ok');
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ server: name, path: req.url ?? '', body });
        if (dies) return void req.socket.destroy();
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { from: name } }));
      });
    });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-haproxy-retry-'));
    const [dying, healthy, front, stats] = [await freePort(), await freePort(), await freePort(), await freePort()];
    for (const [name, port, dies] of [
      ['dying', dying, true],
      ['healthy', healthy, false],
    ] as const) {
      const server = standIn(name, dies);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    }
    const file = path.join(dir, 'haproxy.cfg');
    fs.writeFileSync(
      file,
      haproxyConfig({
        statsPort: stats,
        checkIntervalMs: 200,
        services: [
          {
            slug: 'gateway',
            bindHost: '127.0.0.1',
            port: front,
            replicas: [
              { name: 'dying', host: '127.0.0.1', port: dying, checkPort: dying },
              { name: 'healthy', host: '127.0.0.1', port: healthy, checkPort: healthy },
            ],
          },
        ],
      }),
    );
    proxy = spawn(haproxyBinary!, ['-db', '-f', file], { stdio: 'ignore' });
    url = `http://127.0.0.1:${front}`;
    const until = Date.now() + 10_000;
    for (;;) {
      try {
        const states = parseHaproxyStats(await (await fetch(`http://127.0.0.1:${stats}/stats;csv`)).text());
        if (states.filter((s) => s.status === 'UP').length === 2) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > until) throw new Error('HAProxy did not mark both stand-ins UP');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 20_000);

  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise((resolve) => proxy.once('exit', resolve));
      proxy.kill('SIGTERM');
      await exited;
    }
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The status, or 0 when HAProxy closed the connection without an answer (what it does for a lost request it may not resend). */
  const send = async (pathName: string, body: string) => {
    try {
      const response = await fetch(`${url}${pathName}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return response.status;
    } catch {
      return 0;
    }
  };

  it('resends a query that reached the dying gateway to the other one', async () => {
    received.length = 0;
    const persisted = { persistedQuery: { version: 1, sha256Hash: 'cd'.repeat(32) } };
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        send('/graphql', JSON.stringify({ query: `{ q${i}: __typename }`, ...(i % 2 ? { extensions: persisted } : {}) })),
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    // Some reached the dying one first (round robin), and every query was answered by the healthy one.
    expect(received.filter((r) => r.server === 'dying').length).toBeGreaterThan(0);
    expect(received.filter((r) => r.server === 'healthy')).toHaveLength(6);
  });

  it.each([
    ['a GraphQL mutation', '/graphql', JSON.stringify({ query: 'mutation { recordTraining(input: {}) { id } }' })],
    ['a named mutation after a comment', '/graphql', JSON.stringify({ query: '# note\n  mutation M { a }' })],
    ['a spreadsheet import', '/departments/education/import', 'name,idNumber\n'],
    [
      'a persisted query sent by its hash alone',
      '/graphql',
      JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }),
    ],
  ])('never delivers %s twice', async (_name, pathName, body) => {
    received.length = 0;
    const statuses = await Promise.all(Array.from({ length: 6 }, () => send(pathName, body)));
    const delivered = received.filter((r) => r.body === body);
    // Each request reached exactly one stand-in: six requests, six deliveries.
    expect(delivered).toHaveLength(6);
    const lost = delivered.filter((r) => r.server === 'dying').length;
    expect(lost).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6 - lost);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 0 || s >= 500)).toBe(true);
  });
});
