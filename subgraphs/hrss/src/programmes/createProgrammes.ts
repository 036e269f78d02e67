import type { DataSource } from 'typeorm';
import type { CoreRepository, IdentityService } from '@hub/subgraph-kit';
import type { Logger } from '@hub/runtime';
import type { Department } from '@hub/vocabulary';
import type { HolderIndexRepository } from '../repositories/HolderIndexRepository';
import type { FeedSource } from '../sync/HolderIndexSync';
import { CatalogueService } from './catalogue/CatalogueService';
import { CompetitionService } from './competitions/CompetitionService';
import { DirectedTrainingFeed } from './ledger/DirectedTrainingFeed';
import { ProgressLedgerService } from './ledger/ProgressLedgerService';
import { CatalogueRepository } from './repositories/CatalogueRepository';
import { CompetitionRepository } from './repositories/CompetitionRepository';
import { HoldingLookup } from './repositories/HoldingLookup';
import { LedgerRepository } from './repositories/LedgerRepository';
import { VoucherRepository } from './repositories/VoucherRepository';
import { VoucherService } from './vouchers/VoucherService';

/** hrss's programmes: one instance per process, shared by every request. */
export interface Programmes {
  vouchers: VoucherService;
  voucherRepository: VoucherRepository;
  catalogue: CatalogueService;
  competitions: CompetitionService;
  competitionRepository: CompetitionRepository;
  ledger: ProgressLedgerService;
  directedFeed: DirectedTrainingFeed;
  holdings: HoldingLookup;
}

export interface ProgrammeParts {
  dataSource: DataSource;
  core: CoreRepository;
  index: HolderIndexRepository;
  identity: IdentityService;
  /** Feeds of the departments whose directed (订单/定向) trainings the ledger counts. */
  directedSources: Partial<Record<Department, FeedSource>>;
  log: Logger;
}

export function createProgrammes(parts: ProgrammeParts): Programmes {
  const holdings = new HoldingLookup(parts.index);
  const voucherRepository = new VoucherRepository(parts.dataSource);
  const competitionRepository = new CompetitionRepository(parts.dataSource);
  const ledgerRepository = new LedgerRepository(parts.dataSource);
  const catalogue = new CatalogueService(new CatalogueRepository(parts.dataSource), parts.core);
  const directedFeed = new DirectedTrainingFeed(ledgerRepository, parts.core, parts.directedSources, parts.log);
  return {
    vouchers: new VoucherService(voucherRepository, holdings, catalogue, parts.core, parts.identity),
    voucherRepository,
    catalogue,
    competitions: new CompetitionService(competitionRepository, holdings, parts.core, parts.identity),
    competitionRepository,
    ledger: new ProgressLedgerService(ledgerRepository, directedFeed, parts.core),
    directedFeed,
    holdings,
  };
}
