import type { DisclosureControl } from '@hub/auth';
import type { ServiceContext } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import type { CountyServices } from './createCountyServices';
import type { CountyLoaders } from './loaders/createCountyLoaders';

/** What every resolver of the county service receives: the kit's service context, the county's services and per-request loaders. */
export interface CountyContext extends ServiceContext, CountyServices {
  loaders: CountyLoaders;
  /**
   * The disclosure control of this caller for figures of `department` (the whole county when absent): every
   * aggregate resolver publishes its counts through it (exact, or the cell-key method for restricted roles).
   */
  disclosure: (department?: Department | null) => DisclosureControl;
}
