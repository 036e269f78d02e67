import type { DisclosureControl } from '@hub/auth';
import type { SubgraphContext } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import type { HrssLoaders } from './loaders/createHrssLoaders';
import type { Programmes } from './programmes/createProgrammes';
import type { ProgrammeLoaders } from './programmes/loaders/createProgrammeLoaders';
import type { AggregateService } from './progress/AggregateService';
import type { CountyProgressService } from './progress/CountyProgressService';
import type { DataQualityRepository, QualityCounts } from './repositories/DataQualityRepository';
import type { IndexVersionCache } from './progress/IndexVersionCache';
import type { HolderIndexRepository } from './repositories/HolderIndexRepository';
import type { HolderIndexSync } from './sync/HolderIndexSync';

/** The kit's context plus what only hrss has: the holder index and its services. */
export interface HrssContext extends SubgraphContext {
  index: HolderIndexRepository;
  /** The data-quality lists over the index. */
  quality: DataQualityRepository;
  /** dataQuality's counts per scope, until the index changes. */
  qualityCounts: IndexVersionCache<QualityCounts[]>;
  sync: HolderIndexSync;
  progress: CountyProgressService;
  /** Analysts' ad-hoc grouping over the index. */
  aggregates: AggregateService;
  hrssLoaders: HrssLoaders;
  /**
   * The disclosure control of this caller for figures of `department` (the whole county when absent): every
   * aggregate resolver publishes its counts through it (exact, or the cell-key method for restricted roles).
   */
  disclosure: (department?: Department | null) => DisclosureControl;
  /** Vouchers, the evaluation-institution catalogue, competitions and the progress ledger. */
  programmes: Programmes;
  programmeLoaders: ProgrammeLoaders;
}
