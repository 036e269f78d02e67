import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { haproxyConfig, parseHaproxyStats } from '../scripts/lib/haproxyConfig';
import { requireBinary } from './fixtures/systemBinary';

const config = haproxyConfig({
  statsPort: 18999,
  checkIntervalMs: 400,
  services: [
    { slug: 'gateway', bindHost: '0.0.0.0', port: 4400, replicas: [{ name: 'gateway1', host: '10.0.0.11', port: 4000, checkPort: 4100 }, { name: 'gateway2', host: '10.0.0.12', port: 4000, checkPort: 4100 }] },
    { slug: 'civil-affairs', bindHost: '127.0.0.1', port: 4405, replicas: [{ name: 'civil-affairs1', host: '127.0.0.1', port: 4005, checkPort: 4005 }] },
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

  it('retries a dead replica on another, but never resends a delivered mutation', () => {
    expect(config).toContain('option redispatch 1');
    expect(config).toContain('retry-on conn-failure empty-response response-timeout');
    expect(config).toContain('http-request disable-l7-retry if { method POST } { req.body -m sub -i mutation }');
  });

  const haproxy = requireBinary('haproxy', 'haproxy');
  (haproxy ? it : it.skip)('is accepted by haproxy -c', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-haproxy-'));
    try {
      fs.writeFileSync(path.join(dir, 'haproxy.cfg'), config);
      expect(execFileSync(haproxy!, ['-c', '-f', path.join(dir, 'haproxy.cfg')], { encoding: 'utf8' })).toMatch(/valid/);
      // And the annotated example operators copy.
      expect(execFileSync(haproxy!, ['-c', '-f', path.join(__dirname, '..', 'deploy', 'haproxy.cfg')], { encoding: 'utf8' })).toMatch(/valid/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('HAProxy statistics', () => {
  it('gives each server state and leaves out the frontend and backend totals', () => {
    const csv = '# pxname,svname,qcur,status,x\ngateway_in,FRONTEND,,OPEN,\ngateway,gateway1,0,DOWN,\ngateway,gateway2,0,UP,\ngateway,BACKEND,0,UP,\n';
    expect(parseHaproxyStats(csv)).toEqual([
      { backend: 'gateway', server: 'gateway1', status: 'DOWN' },
      { backend: 'gateway', server: 'gateway2', status: 'UP' },
    ]);
  });
});
