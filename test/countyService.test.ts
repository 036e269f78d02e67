import fs from 'node:fs';
import path from 'node:path';
import { diff, CriticalityLevel } from '@graphql-inspector/core';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { prettyFormatQueryPlan, QueryPlanner } from '@apollo/query-planner';
import { parse } from 'graphql';
import { sharedSdl } from '@hub/subgraph-kit';
import { composeApiSchema, printApiSchema } from '../scripts/lib/schema-check/composeApiSchema';
import { subgraphSources, SubgraphSource } from '../scripts/lib/schema-check/subgraphSources';
import { countyTransitionSources } from '../scripts/lib/countyTransition';

const root = path.join(__dirname, '..');
const current = subgraphSources(root);
const hrssBefore: SubgraphSource = {
  ...current.find((s) => s.slug === 'hrss')!,
  // Its own part, frozen; the shared types are the kit's of today, as every subgraph's are.
  sdl: `${fs.readFileSync(path.join(__dirname, 'fixtures', 'hrss-before-county-service.graphql'), 'utf8')}\n${sharedSdl}`,
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

/** What may change in the county service's API after the move: additions (types, fields, values, optional arguments) and descriptions. */
const ADDED_SINCE_THE_MOVE = new Set<string>([
  'TYPE_ADDED',
  'FIELD_ADDED',
  'ENUM_VALUE_ADDED',
  'INPUT_FIELD_ADDED',
  'FIELD_ARGUMENT_ADDED',
  'FIELD_DESCRIPTION_ADDED',
  'FIELD_DESCRIPTION_CHANGED',
  'TYPE_DESCRIPTION_ADDED',
  'ENUM_VALUE_DESCRIPTION_CHANGED',
  'INPUT_FIELD_DESCRIPTION_ADDED',
  'FIELD_ARGUMENT_DESCRIPTION_CHANGED',
]);

/** An argument that became optional (`year: Int!` → `Int`): every old call still means the same. */
const madeOptional = (c: { type: string; meta?: unknown }) =>
  c.type === 'FIELD_ARGUMENT_TYPE_CHANGED' && (c.meta as { isSafeArgumentTypeChange?: boolean }).isSafeArgumentTypeChange === true;

const DOSSIER = '{ countyProgress { asOf } person(idNumber: "41092819780515006X") { name departments hrss { certificates { id } } } }';

describe('the county service took the index over from hrss', () => {
  it('leaves the API schema as it was: nothing clients see changed, nothing broke', async () => {
    const before = composed([hrssBefore, ...withoutCounty]);
    const after = composed(current);
    // The county service has grown since the move, by additions only (an optional argument is "dangerous" to the inspector).
    const changes = (await diff(before.apiSchema, after.apiSchema)).filter((c) => !ADDED_SINCE_THE_MOVE.has(c.type) && !madeOptional(c));
    expect(changes.filter((c) => c.criticality.level !== CriticalityLevel.NonBreaking)).toEqual([]);
    // Later issues added to the county API (new fields, optional arguments, enum values): additions, allowed. Nothing
    // that existed when hrss served it may break, and every county field of that time is still served.
    const countySdl = parse(current.find((s) => s.slug === 'county')!.sdl);
    const countyRootFields = new Set(
      countySdl.definitions.flatMap((d) =>
        'name' in d && d.name && ['Query', 'Mutation'].includes(d.name.value) && 'fields' in d
          ? (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`)
          : [],
      ),
    );
    for (const moved of [
      'Query.countyProgress',
      'Query.people',
      'Query.person',
      'Query.aggregate',
      'Query.progressLedger',
      'Query.dataQuality',
      'Query.auditLog',
      'Query.holdingsOf',
      'Mutation.syncHolderIndex',
      'Mutation.setEmployedPopulation',
      'Mutation.setLedgerInput',
    ]) {
      expect(countyRootFields.has(moved)).toBe(true);
    }
    expect(printApiSchema(after.apiSchema)).toContain('countyProgress(asOf: Date): CountyProgress!');
  });

  it('serves the moved fields from the county service, even while the old hrss still has them (@override: no downtime)', () => {
    // Today's graph, and the one a running county composes while the old hrss still answers (npm run compose:county-transition).
    for (const sources of [current, countyTransitionSources(current, hrssBefore.sdl)]) {
      const text = plan(composed(sources).supergraphSdl, DOSSIER);
      // Each fetch with the text up to the next one: what that service is asked for.
      const fetches = text
        .split('Fetch(service: ')
        .slice(1)
        .map((part) => ({ service: part.slice(1, part.indexOf('"', 1)), body: part }));
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
    expect(composeApiSchema(countyTransitionSources([...current.filter((s) => s.slug !== 'county'), careless], hrssBefore.sdl)).ok).toBe(
      false,
    );
    // The old hrss as it is, beside the county service: its value types are not @shareable, so no graph.
    expect(composeApiSchema([hrssBefore, ...withoutCounty, county]).ok).toBe(false);
  });
});
