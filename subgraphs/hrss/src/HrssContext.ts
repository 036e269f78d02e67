import type { SubgraphContext } from '@hub/subgraph-kit';
import type { HrssLoaders } from './loaders/createHrssLoaders';
import type { CountyProgressService } from './progress/CountyProgressService';
import type { HolderIndexRepository } from './repositories/HolderIndexRepository';
import type { HolderIndexSync } from './sync/HolderIndexSync';

/** The kit's context plus what only hrss has: the holder index and its services. */
export interface HrssContext extends SubgraphContext {
  index: HolderIndexRepository;
  sync: HolderIndexSync;
  progress: CountyProgressService;
  hrssLoaders: HrssLoaders;
  /** Smallest group of persons shown to analysts and dashboards. */
  minCellSize: number;
}
