import { DateScalar } from './DateScalar';
import { mergeResolvers } from './departmentResolvers';

describe('mergeResolvers', () => {
  it('merges field maps type by type, the later map winning field by field', () => {
    const kit = { Query: { a: () => 'kit', b: () => 'kit' }, Person: { id: () => 'p' } };
    const own = { Query: { b: () => 'own', c: () => 'own' }, Mutation: { m: () => 1 } };
    const merged = mergeResolvers(kit, own) as Record<string, Record<string, () => unknown>>;
    expect(Object.keys(merged).sort()).toEqual(['Mutation', 'Person', 'Query']);
    expect([merged.Query.a(), merged.Query.b(), merged.Query.c()]).toEqual(['kit', 'own', 'own']);
    expect(merged.Person.id()).toBe('p');
  });

  it('puts a scalar in whole, and leaves a type alone when a later map has nothing for it', () => {
    const merged = mergeResolvers({ Date: { old: true }, Query: { a: () => 1 } }, { Date: DateScalar, Query: undefined });
    expect(merged.Date).toBe(DateScalar);
    expect(Object.keys(merged.Query as object)).toEqual(['a']);
  });
});
