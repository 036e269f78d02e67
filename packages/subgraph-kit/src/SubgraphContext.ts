import type { Logger } from 'pino';
import type { Principal } from '@hub/auth';
import type { CoreLoaders } from './createCoreLoaders';
import type { CoreRepository } from './CoreRepository';
import type { DepartmentDefinition } from './DepartmentDefinition';
import type { IdentityService } from './IdentityService';

/** What every resolver of a department receives. Built once per request. */
export interface SubgraphContext {
  requestId: string;
  /** Who is asking, verified by the gateway and signed. */
  principal: Principal;
  log: Logger;
  department: DepartmentDefinition;
  identity: IdentityService;
  repo: CoreRepository;
  loaders: CoreLoaders;
}
