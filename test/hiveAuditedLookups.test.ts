import fs from 'node:fs';
import path from 'node:path';
import { auditedLookupSubgraphs } from '../bench/lib/hiveGateway';

/** The benchmark's Hive Gateway must not share audited lookups in flight: which subgraphs answer them. */
describe('auditedLookupSubgraphs', () => {
  it('finds the county service as the one answering the lookup by ID number in the committed supergraph', () => {
    const sdl = fs.readFileSync(path.join(__dirname, '..', 'gateway', 'supergraph.graphql'), 'utf8');
    expect([...auditedLookupSubgraphs(sdl)]).toEqual(['county']);
  });

  const graphs = `enum join__Graph {
    A @join__graph(name: "dept-a", url: "http://a/graphql")
    B @join__graph(name: "dept-b", url: "http://b/graphql")
  }`;

  it('follows the join__field of each root field taking a purpose, and only those', () => {
    const sdl = `${graphs}
      type Query @join__type(graph: A) @join__type(graph: B) {
        reveal(id: ID!, purpose: String!): String @join__field(graph: B)
        list: [String] @join__field(graph: A)
      }`;
    expect([...auditedLookupSubgraphs(sdl)]).toEqual(['dept-b']);
  });

  it('counts every subgraph defining Query when an audited field has no join__field', () => {
    const sdl = `${graphs}
      type Query @join__type(graph: A) @join__type(graph: B) { reveal(purpose: String): String }`;
    expect([...auditedLookupSubgraphs(sdl)].sort()).toEqual(['dept-a', 'dept-b']);
  });

  it('finds none in a supergraph without audited fields', () => {
    expect(auditedLookupSubgraphs(`${graphs} type Query @join__type(graph: A) { list: [String] }`).size).toBe(0);
  });
});
