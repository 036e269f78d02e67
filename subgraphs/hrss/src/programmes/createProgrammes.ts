import { CountyHoldings, DepartmentParts } from '@hub/subgraph-kit';
import { CatalogueService } from './catalogue/CatalogueService';
import { CompetitionService } from './competitions/CompetitionService';
import { CatalogueRepository } from './repositories/CatalogueRepository';
import { CompetitionRepository } from './repositories/CompetitionRepository';
import { VoucherRepository } from './repositories/VoucherRepository';
import { VoucherService } from './vouchers/VoucherService';

/** hrss's programmes: one instance per process, shared by every request. */
export interface Programmes {
  vouchers: VoucherService;
  voucherRepository: VoucherRepository;
  catalogue: CatalogueService;
  competitions: CompetitionService;
  competitionRepository: CompetitionRepository;
}

/**
 * Vouchers, the evaluation-institution catalogue and competitions over hrss's own database. Where one needs a
 * certificate of any department (a voucher's, a contestant's), it asks the county holder index (the county service).
 */
export function createProgrammes(parts: DepartmentParts): Programmes {
  const holdings = new CountyHoldings('hrss-programmes', parts.signingKey, parts.env);
  const voucherRepository = new VoucherRepository(parts.dataSource);
  const competitionRepository = new CompetitionRepository(parts.dataSource);
  const catalogue = new CatalogueService(new CatalogueRepository(parts.dataSource), parts.repo);
  return {
    vouchers: new VoucherService(voucherRepository, holdings, catalogue, parts.repo, parts.identity),
    voucherRepository,
    catalogue,
    competitions: new CompetitionService(competitionRepository, holdings, parts.repo, parts.identity),
    competitionRepository,
  };
}
