import DataLoader from 'dataloader';
import type { CertificateRecord, PersonRecord, TrainingRecord } from './coreTables';
import type { CoreRepository } from './CoreRepository';

export interface CoreLoaders {
  personById: DataLoader<string, PersonRecord | null>;
  certificatesByPerson: DataLoader<string, CertificateRecord[]>;
  trainingsByPerson: DataLoader<string, TrainingRecord[]>;
}

/** Rows grouped in key order; a key with no rows gets an empty list. */
export function groupBy<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Create a new set per request: loaders cache for the life of one request only. */
export function createCoreLoaders(repo: CoreRepository): CoreLoaders {
  return {
    personById: new DataLoader(async (ids) => {
      const byId = new Map((await repo.peopleByIds(ids)).map((p) => [p.personId, p]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    certificatesByPerson: new DataLoader(async (ids) =>
      groupBy(ids, await repo.certificatesByPersonIds(ids), (c) => c.personId).map((list) => list.sort((a, b) => a.id - b.id)),
    ),
    trainingsByPerson: new DataLoader(async (ids) =>
      groupBy(ids, await repo.trainingsByPersonIds(ids), (t) => t.personId).map((list) => list.sort((a, b) => a.id - b.id)),
    ),
  };
}
