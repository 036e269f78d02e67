import fs from 'node:fs';
import path from 'node:path';
import { diff, CriticalityLevel } from '@graphql-inspector/core';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { composeApiSchema, printApiSchema } from '../scripts/lib/schema-check/composeApiSchema';
import { subgraphSources, SubgraphSource } from '../scripts/lib/schema-check/subgraphSources';
import { countyTransitionSources } from '../scripts/lib/countyTransition';

const root = path.join(__dirname, '..');
const current = subgraphSources(root);
const hrssBefore: SubgraphSource = {
  ...current.find((s) => s.slug === 'hrss')!,
  sdl: fs.readFileSync(path.join(__dirname, 'fixtures', 'hrss-before-county-service.graphql'), 'utf8'),
};
const withoutCounty = current.filter((s) => s.slug !== 'county' && s.slug !== 'hrss');

function composed(sources: SubgraphSource[]) {
  const result = composeApiSchema(sources);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result;
}

/** Which service each root field or Person field of `query` is fetched from, as the gateway's planner decides. */
function plan(supergraphSdl: string, query: string): string {
  const supergraph = Supergraph.build(supergraphSdl);
  return prettyFormatQueryPlan(new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.schema, parse(query))));
}

const DOSSIER = '{ countyProgress { asOf } person(idNumber: "41092819780515006X") { name departments hrss { certificates { id } } } }';

describe('the county service took the index over from hrss', () => {
  it('leaves the API schema as it was: nothing clients see changed, nothing broke', async () => {
    const before = composed([hrssBefore, ...withoutCounty]);
    const after = composed(current);
    const changes = await diff(before.apiSchema, after.apiSchema);
    expect(changes.filter((c) => c.criticality.level !== CriticalityLevel.NonBreaking)).toEqual([]);
    // Every type the county service took over from hrss reads the same as when hrss served it (types it added since are additions).
    const typeNames = (sdl: string) => new Set(parse(sdl).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));
    const hrssTypes = typeNames(hrssBefore.sdl);
    const countyTypes = new Set([...typeNames(current.find((s) => s.slug === 'county')!.sdl)].filter((name) => hrssTypes.has(name)));
    // What existed reads the same; what the county service added since (a field, an argument, an enum value) is new.
    const existedBefore = (path: string) => {
      const [typeName, member] = path.split('.');
      const type = before.apiSchema.getType(typeName);
      if (!type || !member) return !!type;
      const members = 'getFields' in type ? Object.keys(type.getFields()) : 'getValues' in type ? type.getValues().map((v) => v.name) : [];
      return members.includes(member);
    };
    expect(changes.filter((c) => countyTypes.has((c.path ?? '').split('.')[0]) && existedBefore(c.path ?? ''))).toEqual([]);
    expect(printApiSchema(after.apiSchema)).toContain('countyProgress(asOf: Date): CountyProgress!');
  });

  it('serves the moved fields from the county service, even while the old hrss still has them (@override: no downtime)', () => {
    // Today's graph, and the one a running county composes while the old hrss still answers (npm run compose:county-transition).
    for (const sources of [current, countyTransitionSources(current, hrssBefore.sdl)]) {
      const text = plan(composed(sources).supergraphSdl, DOSSIER);
      // Each fetch with the text up to the next one: what that service is asked for.
      const fetches = text.split('Fetch(service: ').slice(1).map((part) => ({ service: part.slice(1, part.indexOf('"', 1)), body: part }));
      const from = (field: RegExp) => fetches.filter((f) => field.test(f.body)).map((f) => f.service);
      expect(from(/countyProgress/)).toEqual(['county']);
      expect(from(/person\(/)).toEqual(['county']);
      expect(from(/\bdepartments\b/)).toEqual(['county']);
      expect(from(/\bcertificates\b/)).toEqual(['hrss']);
    }
  });

  it('does not compose a county service that forgets to take a field over (two owners of Person.name), nor without the transition', () => {
    const county = current.find((s) => s.slug === 'county')!;
    const careless = { ...county, sdl: county.sdl.replace('name: String @override(from: "hrss")', 'name: String') };
    expect(composeApiSchema(countyTransitionSources([...current.filter((s) => s.slug !== 'county'), careless], hrssBefore.sdl)).ok).toBe(false);
    // The old hrss as it is, beside the county service: its value types are not @shareable, so no graph.
    expect(composeApiSchema([hrssBefore, ...withoutCounty, county]).ok).toBe(false);
  });
});
