import type { Logger } from 'pino';
import type { Principal } from '@hub/auth';
import type { CoreLoaders } from './createCoreLoaders';
import type { CoreRepository } from './CoreRepository';
import type { DepartmentDefinition } from './DepartmentDefinition';
import type { IdentityService } from './IdentityService';

/** What every resolver of a service receives. Built once per request. */
export interface ServiceContext {
  requestId: string;
  /** Who is asking, verified by the gateway and signed. */
  principal: Principal;
  log: Logger;
  identity: IdentityService;
}

/** What every resolver of a department receives: the service context plus the department's core records. */
export interface SubgraphContext extends ServiceContext {
  department: DepartmentDefinition;
  repo: CoreRepository;
  loaders: CoreLoaders;
}
