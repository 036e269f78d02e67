import type { EntityManager } from 'typeorm';
import type { CoreRepository, NewPerson } from '@hub/subgraph-kit';

/**
 * Makes a person known to hrss (and so to the county's person master) inside the caller's
 * transaction; a person hrss already knows is left as hrss recorded them. Reads through the same
 * manager: a second pooled connection inside a transaction can starve the pool on MySQL.
 */
export async function registerPerson(manager: EntityManager, core: CoreRepository, person: NewPerson): Promise<void> {
  const known = await manager.getRepository(core.specs.person.entity).findOneBy({ personId: person.personId });
  if (!known) await core.writeBatch({ people: [person] }, manager);
}
