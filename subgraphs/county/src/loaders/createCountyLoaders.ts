import DataLoader from 'dataloader';
import type { PersonMasterRepository, PersonMasterRow } from '../repositories/PersonMasterRepository';
import type { HoldingRepository, HoldingRow } from '../repositories/HoldingRepository';

export interface CountyLoaders {
  personMaster: DataLoader<string, PersonMasterRow | null>;
  /** Key: `${department}/${certificateId}`. */
  holdingByRef: DataLoader<string, HoldingRow | null>;
}

/** Create per request: loaders cache for one request only. */
export function createCountyLoaders(masters: PersonMasterRepository, holdings: HoldingRepository): CountyLoaders {
  return {
    personMaster: new DataLoader(async (ids) => {
      const byId = new Map((await masters.byIds(ids)).map((m) => [m.personId, m]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    holdingByRef: new DataLoader((refs) =>
      holdings.byRefs(refs.map((ref) => ({ department: ref.slice(0, ref.indexOf('/')), certificateId: ref.slice(ref.indexOf('/') + 1) }))),
    ),
  };
}
