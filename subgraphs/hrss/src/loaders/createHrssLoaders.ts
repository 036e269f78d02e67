import DataLoader from 'dataloader';
import type { HolderIndexRepository, PersonMasterRow } from '../repositories/HolderIndexRepository';

export interface HrssLoaders {
  personMaster: DataLoader<string, PersonMasterRow | null>;
}

/** Create per request. */
export function createHrssLoaders(index: HolderIndexRepository): HrssLoaders {
  return {
    personMaster: new DataLoader(async (ids) => {
      const byId = new Map((await index.mastersByIds(ids)).map((m) => [m.personId, m]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
