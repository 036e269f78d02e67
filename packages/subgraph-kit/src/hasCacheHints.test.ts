import { buildSchema } from 'graphql';
import { hasCacheHints } from './hasCacheHints';

const directive =
  'enum CacheControlScope { PUBLIC PRIVATE }\ndirective @cacheControl(maxAge: Int, scope: CacheControlScope, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION\n';

describe('hasCacheHints', () => {
  it('is false for a schema without @cacheControl, even when the directive is declared', () => {
    expect(hasCacheHints(buildSchema(`${directive}type Query { a: String b: T } type T { c: Int }`))).toBe(false);
  });

  it('finds a hint on a field, on a type, on a type extension, on an interface and on a union', () => {
    expect(hasCacheHints(buildSchema(`${directive}type Query { a: T } type T { c: Int @cacheControl(maxAge: 60) }`))).toBe(true);
    expect(hasCacheHints(buildSchema(`${directive}type Query { a: T } type T @cacheControl(maxAge: 60) { c: Int }`))).toBe(true);
    expect(
      hasCacheHints(buildSchema(`${directive}type Query { a: T } type T { c: Int } extend type T @cacheControl(scope: PRIVATE)`)),
    ).toBe(true);
    expect(
      hasCacheHints(
        buildSchema(`${directive}type Query { a: I } interface I { c: Int @cacheControl(maxAge: 1) } type T implements I { c: Int }`),
      ),
    ).toBe(true);
    expect(
      hasCacheHints(
        buildSchema(`${directive}type Query { a: U } type A { x: Int } type B { y: Int } union U @cacheControl(maxAge: 5) = A | B`),
      ),
    ).toBe(true);
  });

  it('does not take another directive of a similar name for a hint', () => {
    expect(hasCacheHints(buildSchema('directive @cache on FIELD_DEFINITION\ntype Query { a: String @cache }'))).toBe(false);
  });
});
