import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import { bodyDigest, PRINCIPAL_HEADER, Principal, verifyCall } from '@hub/auth';
import { callSigner } from './HubDataSource';
import { createUndiciFetcher, RETRYABLE_HEADER } from './undiciFetcher';

const key = randomBytes(32);
const admin: Principal = { subject: 'admin', role: 'COUNTY_ADMIN' };
const analyst: Principal = { subject: 'analyst', role: 'ANALYST' };

describe('the subgraph fetcher signs each call it sends', () => {
  let server: http.Server;
  let url: string;
  let seen: { header: string; method: string; path: string; body: string }[] = [];

  beforeAll(async () => {
    // Answers after 30 ms, so concurrent identical reads overlap.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ header: String(req.headers[PRINCIPAL_HEADER]), method: req.method!, path: req.url!, body });
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"data":{}}');
        }, 30);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql?x=1`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => {
    seen = [];
  });

  const read = (who: Principal, query: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', [RETRYABLE_HEADER]: '1' },
    body: JSON.stringify({ query }),
    signer: callSigner(who, key, 'education'),
  });

  it('for the subgraph, method, path and the exact body sent; every header once', async () => {
    const { fetcher, close } = createUndiciFetcher({ subgraph: 'education', dedupe: false });
    await Promise.all([fetcher(url, read(admin, '{ a }')), fetcher(url, read(admin, '{ a }')), fetcher(url, read(analyst, '{ b }'))]);
    expect(seen).toHaveLength(3);
    for (const call of seen) {
      const verified = verifyCall(call.header, key, { audience: 'education', method: call.method, path: call.path });
      expect(verified).not.toBeNull();
      expect(call.path).toBe('/graphql?x=1');
      expect(verified!.bodyDigest).toBe(bodyDigest(call.body));
      expect(verifyCall(call.header, key, { audience: 'hrss', method: call.method, path: call.path })).toBeNull();
    }
    expect(new Set(seen.map((c) => c.header)).size).toBe(3);
    await close();
  });

  it('shares identical reads of one principal in flight, never across principals', async () => {
    const { fetcher, close } = createUndiciFetcher({ subgraph: 'education' });
    await Promise.all([fetcher(url, read(admin, '{ a }')), fetcher(url, read(admin, '{ a }')), fetcher(url, read(analyst, '{ a }'))]);
    expect(seen).toHaveLength(2);
    const subjects = seen
      .map((c) => verifyCall(c.header, key, { audience: 'education', method: 'POST', path: '/graphql?x=1' })!.principal.subject)
      .sort();
    expect(subjects).toEqual(['admin', 'analyst']);
    await close();
  });

  describe('after a connection dropped once the call arrived', () => {
    let dropping: http.Server;
    let dropUrl: string;
    let arrived: string[] = [];

    beforeAll(async () => {
      // Reads each call whole, then drops the first connection without answering; answers the rest.
      dropping = http.createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          arrived.push(body);
          if (arrived.length === 1) req.socket.destroy();
          else res.end('{"data":{}}');
        });
      });
      await new Promise<void>((r) => dropping.listen(0, '127.0.0.1', () => r()));
      dropUrl = `http://127.0.0.1:${(dropping.address() as net.AddressInfo).port}/graphql`;
    });
    afterAll(() => new Promise((r) => dropping.close(r)));
    beforeEach(() => {
      arrived = [];
    });

    it('sends a read again', async () => {
      const { fetcher, close } = createUndiciFetcher({ subgraph: 'education', dedupe: false });
      await expect(fetcher(dropUrl, read(admin, '{ a }'))).resolves.toMatchObject({ ok: true });
      expect(arrived).toHaveLength(2);
      await close();
    });

    it('never sends an ID-number reveal again: the subgraph may have audited it already', async () => {
      const { fetcher, close } = createUndiciFetcher({ subgraph: 'education', dedupe: false });
      const reveal = read(admin, '{ _entities(representations: []) { ... on EducationPerson { idNumber(purpose: "核对") } } }');
      await expect(fetcher(dropUrl, reveal)).rejects.toThrow();
      expect(arrived).toHaveLength(1);
      await close();
    });
  });
});
