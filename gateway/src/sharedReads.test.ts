import http from 'node:http';
import type net from 'node:net';
import { startHub, TestHub } from '../../test/fixtures/startHub';
import { revealWritings } from '../../test/fixtures/revealWritings';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { AUDITED_FIELDS, auditedFieldNames, hasSideEffects, mayShare } from './sharedReads';
import { createUndiciFetcher, RETRYABLE_HEADER } from './undiciFetcher';

const revealTexts = (purpose: string) => revealWritings('410928198512310028', purpose).map((w) => w.query);

describe('which operations may be shared', () => {
  it('shares reads, never writes, the audited lookup by ID number or the audited ID reveal however it is written', () => {
    expect(mayShare(parse('{ countyProgress { certificateHolders { value } } }'))).toBe(true);
    // A lookup by ID number is audited, found or not: each request looks up (and is audited) on its own.
    expect(mayShare(parse('query($id: String!) { person(idNumber: $id) { name } }'))).toBe(false);
    expect(mayShare(parse(' mutation { syncHolderIndex { department } }'))).toBe(false);
    for (const writing of revealTexts('核对')) expect([writing, mayShare(parse(writing))]).toEqual([writing, false]);
  });

  it('judges subgraph request bodies the same way, without parsing those that cannot reveal', () => {
    for (const writing of revealTexts('核对'))
      expect([writing, hasSideEffects(JSON.stringify({ query: writing }))]).toEqual([writing, true]);
    expect(hasSideEffects(JSON.stringify({ query: '{ person(idNumber: $id) { name } }', variables: { idNumber: 'x' } }))).toBe(true);
    expect(
      hasSideEffects(JSON.stringify({ query: '{ _entities(representations: $r) { ... on Person { hrss { certificates { kind } } } } }' })),
    ).toBe(false);
    expect(hasSideEffects('{"query":"{ person { \\u0069dNumber(purpose: \\"x\\") } }"}')).toBe(true);
    expect(hasSideEffects('{"query":"{ person { idNumber(purpose: "}')).toBe(true);
    expect(hasSideEffects(JSON.stringify({ query: '{ countyProgress { asOf } }' }))).toBe(false);
  });

  it('knows the same audited fields as the schema says (every field taking a purpose)', () => {
    const schema = Supergraph.build(fs.readFileSync(path.join(__dirname, '..', 'supergraph.graphql'), 'utf8'))
      .apiSchema()
      .toGraphQLJSSchema();
    expect([...auditedFieldNames(schema)].sort()).toEqual([...AUDITED_FIELDS].sort());
  });
});

describe('the subgraph fetcher shares identical reads in flight', () => {
  let server: http.Server;
  let url: string;
  let calls: string[] = [];

  beforeAll(async () => {
    // A subgraph stand-in that answers after 50 ms, so concurrent calls overlap.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls.push(`${String(req.headers['x-hub-principal'])} ${body}`);
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: { n: calls.length } }));
        }, 50);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => {
    calls = [];
  });

  const read = (principal: string, query: string, requestId: string) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-principal': principal, 'x-request-id': requestId, [RETRYABLE_HEADER]: '1' },
    body: JSON.stringify({ query }),
  });

  it('sends one call for identical reads (request ids aside); each caller gets its own copy', async () => {
    const { fetcher, close } = createUndiciFetcher({ subgraph: 'test' });
    const answers = await Promise.all([1, 2, 3].map((i) => fetcher(url, read('p1', '{ a }', `r${i}`)).then((r) => r.json())));
    expect(calls).toHaveLength(1);
    expect(answers).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
    expect(answers[0]).not.toBe(answers[1]);
    await close();
  });

  it('never shares across principals, for writes, for ID reveals, or when turned off', async () => {
    const on = createUndiciFetcher({ subgraph: 'test' });
    const off = createUndiciFetcher({ subgraph: 'test', dedupe: false });
    const write = { ...read('p1', 'mutation { b }', 'w'), headers: { 'content-type': 'application/json', 'x-hub-principal': 'p1' } };
    const reveal = '{ person { idNumber,(purpose: "核对") } }';
    await Promise.all([
      on.fetcher(url, read('p1', '{ a }', 'x')),
      on.fetcher(url, read('p2', '{ a }', 'y')),
      on.fetcher(url, write),
      on.fetcher(url, write),
      on.fetcher(url, read('p1', reveal, 'r1')),
      on.fetcher(url, read('p1', reveal, 'r2')),
      off.fetcher(url, read('p3', '{ a }', 'o1')),
      off.fetcher(url, read('p3', '{ a }', 'o2')),
    ]);
    expect(calls).toHaveLength(8);
    await on.close();
    await off.close();
  });
});

describe('identical queries through the gateway', () => {
  let hub: TestHub;
  const ID = '41092819780515006X';

  beforeAll(async () => {
    hub = await startHub({ persons: 30 });
    const recorded = await hub.query('mutation($i: EducationCertificateInput!) { recordEducationCertificate(input: $i) { id } }', {
      i: {
        idNumber: ID,
        name: '共享测试',
        township: '城关镇',
        kind: 'SKILL_LEVEL',
        level: 'LEVEL_4',
        occupation: '保育师',
        certificateNumber: 'SHARE-1',
        issuingBody: '职教中心',
        issuedOn: '2024-06-01',
      },
    });
    expect(recorded.errors).toBeUndefined();
    await hub.query('mutation { syncHolderIndex { department } }');
  }, 180_000);
  afterAll(() => hub?.stop());

  const countyOperations = async (name: string) => {
    const text = await (await fetch(hub.urls.county.replace('/graphql', '/metrics'))).text();
    const match = new RegExp(`hub_graphql_operations_total\\{operation="${name}",outcome="ok"[^}]*\\} (\\d+)`).exec(text);
    return match ? Number(match[1]) : 0;
  };

  it('answer concurrent identical queries alike, with fewer calls to the subgraph', async () => {
    const query = 'query Shared { countyProgress(asOf: "2025-12-31") { certificateHolders { value } byTownship { key holders } } }';
    const before = await countyOperations('Shared__county__0');
    const answers = await Promise.all(Array.from({ length: 8 }, () => hub.query(query)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0].errors).toBeUndefined();
    const calls = (await countyOperations('Shared__county__0')) - before;
    expect(calls).toBeGreaterThanOrEqual(1);
    expect(calls).toBeLessThan(8);
  });

  it('audits every reveal, even when the same reveal is asked twice at once', async () => {
    const reveal = `{ person(idNumber: "${ID}") { id education { person { idNumber(purpose: "并发核对") } } } }`;
    const [a, b] = await Promise.all([hub.query(reveal), hub.query(reveal)]);
    expect(a.errors).toBeUndefined();
    expect(b.data.person.education.person.idNumber).toBe(ID);
    await hub.query('mutation { syncHolderIndex { department } }');
    const audit = await hub.query(`{ auditLog(personId: "${a.data.person.id}") { nodes { purpose } } }`);
    expect(audit.data.auditLog.nodes.filter((n: { purpose: string }) => n.purpose === '并发核对')).toHaveLength(2);
  });
});
