import type { DisclosureControl } from '@hub/auth';
import type { SubgraphContext } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import type { Programmes } from './programmes/createProgrammes';
import type { ProgrammeLoaders } from './programmes/loaders/createProgrammeLoaders';

/** hrss's parts, built once per process. */
export interface HrssServices {
  /** Vouchers, the evaluation-institution catalogue, competitions. */
  programmes: Programmes;
  /** The secret of the cell-key method's record keys (derived from the person key). */
  cellKeySecret: Buffer;
}

/** The kit's context plus hrss's programmes and the caller's disclosure control. */
export interface HrssContext extends SubgraphContext {
  programmes: Programmes;
  programmeLoaders: ProgrammeLoaders;
  /** How this caller's aggregate figures are published: exact, or through the cell-key method (competition figures). */
  disclosure: (department?: Department | null) => DisclosureControl;
}
