/**
 * npm run compose:county-transition -- --hrss <hrss's schema.graphql before the move> --out <supergraph.graphql>
 *
 * The supergraph for the days a running county moves to the county service without downtime: the old hrss (still
 * answering the county's fields) beside the new county service, which takes them over with @override(from: "hrss").
 * Point the gateway at it with HUB_SUPERGRAPH; once hrss is upgraded, go back to gateway/supergraph.graphql.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sharedSdl } from '@hub/subgraph-kit';
import { countyTransitionSources } from './lib/countyTransition';
import { composeApiSchema } from './lib/schema-check/composeApiSchema';
import { root } from './lib/subgraphList';
import { subgraphSources } from './lib/schema-check/subgraphSources';

const { values: args } = parseArgs({ options: { hrss: { type: 'string' }, out: { type: 'string' } } });
if (!args.hrss || !args.out) {
  console.error('用法 usage: npm run compose:county-transition -- --hrss <旧 hrss schema.graphql> --out <supergraph.graphql>');
  process.exit(2);
}
const old = fs.readFileSync(args.hrss, 'utf8');
// A schema.graphql of hrss's own folder lacks the kit's shared types; a baseline file has them already.
const hrssBefore = /\bscalar Date\b/.test(old) ? old : `${old}\n${sharedSdl}`;
const result = composeApiSchema(countyTransitionSources(subgraphSources(root), hrssBefore));
if (!result.ok) {
  console.error(`✗ 组合失败 composition failed:\n${result.errors.map((e) => `  ${e.message}`).join('\n')}`);
  process.exit(1);
}
fs.writeFileSync(args.out, result.supergraphSdl);
console.log(`✓ 过渡期超图已写入 transition supergraph written: ${args.out}`);
