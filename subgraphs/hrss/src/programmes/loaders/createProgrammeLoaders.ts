import DataLoader from 'dataloader';
import { groupBy } from '@hub/subgraph-kit';
import type { Programmes } from '../createProgrammes';
import type { SelfEvaluation } from '../registers/EnterpriseService';
import type { EnterpriseEventRow, EnterpriseRow } from '../repositories/RegisterRepository';
import type { InstitutionEventRow } from '../repositories/CatalogueRepository';
import type { CompetitionEntryRow } from '../repositories/CompetitionRepository';
import type { VoucherEventRow } from '../repositories/VoucherRepository';

export interface ProgrammeLoaders {
  voucherEvents: DataLoader<number, VoucherEventRow[]>;
  institutionEvents: DataLoader<string, InstitutionEventRow[]>;
  competitionOccupations: DataLoader<number, string[]>;
  competitionEntries: DataLoader<number, CompetitionEntryRow[]>;
  enterpriseEvents: DataLoader<string, EnterpriseEventRow[]>;
  /** Today's 企业自主评价 coverage, one certificate query for every enterprise of the request. */
  enterpriseSelfEvaluation: DataLoader<EnterpriseRow, SelfEvaluation, string>;
}

/** Create per request: loaders cache for one request only. */
export function createProgrammeLoaders(programmes: Programmes): ProgrammeLoaders {
  return {
    voucherEvents: new DataLoader(async (ids) =>
      groupBy(ids, await programmes.voucherRepository.eventsByVoucherIds(ids), (e) => e.voucherId),
    ),
    institutionEvents: new DataLoader(async (codes) =>
      groupBy(codes, await programmes.catalogue.eventsOf(codes), (e) => e.institutionCode),
    ),
    competitionOccupations: new DataLoader(async (ids) =>
      groupBy(ids, await programmes.competitionRepository.occupationsOf(ids), (o) => o.competitionId).map((rows) =>
        rows.map((r) => r.occupationCode),
      ),
    ),
    competitionEntries: new DataLoader(async (ids) =>
      groupBy(ids, await programmes.competitionRepository.entriesOf(ids), (e) => e.competitionId),
    ),
    enterpriseEvents: new DataLoader(async (codes) => groupBy(codes, await programmes.enterprises.events(codes), (e) => e.creditCode)),
    enterpriseSelfEvaluation: new DataLoader((rows) => programmes.enterprises.selfEvaluations(rows), { cacheKeyFn: (e) => e.creditCode }),
  };
}
