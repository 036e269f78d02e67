import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, OperationDefinitionNode, parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { defaultVariableLimits, variableError, variableLimitsFromEnv } from './variableLimits';

const schema: GraphQLSchema = Supergraph.build(fs.readFileSync(path.join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();
const operation = (query: string) => parse(query).definitions[0] as OperationDefinitionNode;
const vouchers = operation('query($f: TrainingVoucherFilter, $n: Int) { trainingVouchers(filter: $f, first: $n) { totalCount } }');
const reason = (variables: Record<string, unknown>) =>
  variableError(variables, vouchers, schema, defaultVariableLimits)?.extensions.reason ?? null;

describe('variable limits', () => {
  it('lets ordinary variables through', () => {
    expect(reason({ f: { idNumber: '410928198504120021' }, n: 20 })).toBeNull();
    expect(reason({})).toBeNull();
    expect(variableError(undefined, vouchers, schema, defaultVariableLimits)).toBeNull();
  });

  it('refuses an unknown input field at once, however many there are', () => {
    const wide = { f: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])) };
    const started = performance.now();
    expect(reason(wide)).toBe('UNKNOWN_INPUT_FIELD');
    expect(reason({ f: { k0: 1 } })).toBe('UNKNOWN_INPUT_FIELD');
    expect(reason({ f: { idNumber: 'x', nested: { deep: 1 } } })).toBe('UNKNOWN_INPUT_FIELD');
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses deep nesting without recursing, declared or not', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(reason({ x: deep })).toBe('VARIABLE_DEPTH_LIMIT');
    expect(reason({ n: deep })).toBe('VARIABLE_DEPTH_LIMIT');
    expect(reason({ x: [[[1]]] })).toBeNull();
  });

  it('counts values in undeclared variables too', () => {
    expect(reason({ x: Array.from({ length: 1_001 }, () => 1) })).toBe('VARIABLE_VALUES_LIMIT');
    expect(reason({ x: Array.from({ length: 900 }, () => 1) })).toBeNull();
  });

  it('reads its limits from the environment', () => {
    expect(variableLimitsFromEnv({ HUB_MAX_VARIABLE_VALUES: '50' })).toEqual({ maxValues: 50, maxDepth: defaultVariableLimits.maxDepth });
    expect(() => variableLimitsFromEnv({ HUB_MAX_VARIABLE_DEPTH: '-1' })).toThrow('HUB_MAX_VARIABLE_DEPTH');
  });
});
