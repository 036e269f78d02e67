import { CountyHoldings, DepartmentParts } from '@hub/subgraph-kit';
import { CatalogueService } from './catalogue/CatalogueService';
import { CompetitionService } from './competitions/CompetitionService';
import { CatalogueRepository } from './repositories/CatalogueRepository';
import { CompetitionRepository } from './repositories/CompetitionRepository';
import { EnterpriseService } from './registers/EnterpriseService';
import { TrainingInstitutionService } from './registers/TrainingInstitutionService';
import { RegisterRepository } from './repositories/RegisterRepository';
import { VoucherRepository } from './repositories/VoucherRepository';
import { VoucherService } from './vouchers/VoucherService';

/** hrss's programmes: one instance per process, shared by every request. */
export interface Programmes {
  vouchers: VoucherService;
  voucherRepository: VoucherRepository;
  catalogue: CatalogueService;
  competitions: CompetitionService;
  competitionRepository: CompetitionRepository;
  /** 企业名录 the enterprise register. */
  enterprises: EnterpriseService;
  /** 社会培训机构名录 the yearly selection of social training institutions. */
  trainingInstitutions: TrainingInstitutionService;
}

/**
 * Vouchers, the evaluation-institution catalogue, competitions and the two registers over hrss's own database. Where one needs a
 * certificate of any department (a voucher's, a contestant's), it asks the county holder index (the county service).
 */
export function createProgrammes(parts: DepartmentParts): Programmes {
  const holdings = new CountyHoldings('hrss-programmes', parts.signingKey, parts.env);
  const voucherRepository = new VoucherRepository(parts.dataSource);
  const competitionRepository = new CompetitionRepository(parts.dataSource);
  const registers = new RegisterRepository(parts.dataSource);
  const catalogue = new CatalogueService(new CatalogueRepository(parts.dataSource), parts.repo);
  return {
    vouchers: new VoucherService(voucherRepository, holdings, catalogue, parts.repo, parts.identity),
    voucherRepository,
    catalogue,
    competitions: new CompetitionService(competitionRepository, holdings, parts.repo, parts.identity),
    competitionRepository,
    enterprises: new EnterpriseService(registers, parts.repo),
    trainingInstitutions: new TrainingInstitutionService(registers, parts.repo, holdings),
  };
}
