import fs from 'node:fs';
import path from 'node:path';
import { GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { defaultLimits, limitsFromEnv, operationLimitsRule, OperationLimits } from './operationLimits';

const schema: GraphQLSchema = Supergraph.build(fs.readFileSync(path.join(__dirname, '..', '..', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

/** Validates the way Apollo does: graphql-js's rules first, the limits last; answers the limit reasons and the time taken. */
function check(query: string, limits: OperationLimits = defaultLimits) {
  const document = parse(query, { maxTokens: 4000 });
  const started = performance.now();
  const errors = validate(schema, document, [...specifiedRules, operationLimitsRule(limits)]);
  return { ms: performance.now() - started, reasons: errors.map((e) => e.extensions?.reason ?? e.message), errors };
}

/** `fragment F1 { ...F2 ...F2 } fragment F2 { ...F3 ...F3 } …`: each fragment doubles what it expands to. */
export function doublingChain(fragments: number, leaf = 'asOf'): string {
  const defs = Array.from({ length: fragments }, (_, i) =>
    i + 1 === fragments
      ? `fragment F${i + 1} on CountyProgress { ${leaf} }`
      : `fragment F${i + 1} on CountyProgress { ...F${i + 2} ...F${i + 2} }`,
  );
  return `{ countyProgress { ...F1 } } ${defs.join(' ')}`;
}
const repeat = (n: number, selection: string) => `{ countyProgress { ${Array.from({ length: n }, () => selection).join(' ')} } }`;

describe('operation limits', () => {
  it('lets the operations clients rely on through', () => {
    for (const folder of ['gateway/operations', 'examples/operations']) {
      const root = path.join(__dirname, '..', '..', '..', folder);
      const files = fs
        .readdirSync(root, { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.graphql'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect([file, check(fs.readFileSync(path.join(root, file), 'utf8')).reasons]).toEqual([file, []]);
    }
  });

  it('refuses a doubling fragment chain in linear time, however long', () => {
    for (const n of [30, 60]) {
      const { ms, reasons } = check(doublingChain(n));
      expect(reasons).toEqual(expect.arrayContaining(['FIELD_LIMIT', 'BREADTH_LIMIT', 'COST_LIMIT']));
      // Expanding 2^29 fields would take hours; measuring it is a few hundred steps.
      expect(ms).toBeLessThan(100);
    }
  });

  it('counts aliases and depth through fragments as often as they are spread', () => {
    const aliased = check(doublingChain(6, 'a: asOf'));
    expect(aliased.reasons).toEqual(['ALIAS_LIMIT']);
    expect(aliased.errors[0].message).toContain('32');
    const deep = '{ person(idNumber: "x") { ...P } } fragment P on Person { education { person { township { code } } } }';
    expect(check(deep).reasons).toEqual([]);
    expect(check(deep, { ...defaultLimits, maxDepth: 4 }).reasons).toEqual(['DEPTH_LIMIT']);
  });

  it('refuses fragment cycles before anything walks them', () => {
    const { reasons } = check(
      '{ countyProgress { ...A } } fragment A on CountyProgress { asOf ...B } fragment B on CountyProgress { ...A }',
    );
    expect(reasons).toEqual(['FRAGMENT_CYCLE']);
    expect(check('{ countyProgress { asOf } } fragment A on CountyProgress { ...A }').reasons).toEqual(['FRAGMENT_CYCLE']);
  });

  it.each([
    ['the same field with a selection, many times', repeat(600, 'certificateHolders { value }'), 'NODE_LIMIT'],
    ['one alias on two fields, many times', repeat(500, 'x: asOf x: periodTo'), 'NODE_LIMIT'],
    ['many fields at one level', repeat(60, 'certificateHolders { value }'), 'BREADTH_LIMIT'],
    [
      'one fragment spread many times',
      `${repeat(60, '...A')} fragment A on CountyProgress { certificateHolders { value } }`,
      'BREADTH_LIMIT',
    ],
    [
      'many fragments, pairwise alike',
      `{ countyProgress { ${Array.from({ length: 60 }, (_, i) => `...A${i}`).join(' ')} } } ${Array.from({ length: 60 }, (_, i) => `fragment A${i} on CountyProgress { certificateHolders { value } }`).join(' ')}`,
      'BREADTH_LIMIT',
    ],
    ['inline fragments fanned out', repeat(60, '... on CountyProgress { certificateHolders { value } }'), 'BREADTH_LIMIT'],
    [
      'inline fragments nested deep',
      `{ countyProgress { ${'... on CountyProgress { '.repeat(60)} asOf ${'} '.repeat(60)} } }`,
      'NESTING_LIMIT',
    ],
    ['many directives on one field', `{ countyProgress { asOf ${'@include(if: true) '.repeat(20)} } }`, 'DIRECTIVE_LIMIT'],
    [
      'many variables',
      `query(${Array.from({ length: 600 }, (_, i) => `$v${i}: Int`).join(' ')}) { countyProgress { asOf } }`,
      'NODE_LIMIT',
    ],
  ])('refuses %s before graphql-js compares anything', (_name, query, reason) => {
    const { reasons, ms } = check(query);
    // Only the limit is reported: the other rules were handed an empty document.
    expect(reasons).toEqual([reason]);
    expect(ms).toBeLessThan(100);
  });

  it('refuses whatever still takes longer than the time budget', () => {
    const { reasons } = check(repeat(40, 'certificateHolders { value target }'), { ...defaultLimits, validationBudgetMs: 1e-6 });
    expect(reasons).toContain('VALIDATION_TIME_LIMIT');
    expect(check(repeat(40, 'certificateHolders { value target }')).reasons).toEqual([]);
  });

  it('reads each limit from its variable and refuses nonsense', () => {
    expect(limitsFromEnv({ HUB_MAX_NODES: '50', HUB_MAX_DEPTH: '3' })).toMatchObject({
      maxNodes: 50,
      maxDepth: 3,
      maxCost: defaultLimits.maxCost,
    });
    expect(() => limitsFromEnv({ HUB_MAX_COST: 'lots' })).toThrow('HUB_MAX_COST');
    expect(() => limitsFromEnv({ HUB_VALIDATION_BUDGET_MS: '0' })).toThrow('HUB_VALIDATION_BUDGET_MS');
  });
});
