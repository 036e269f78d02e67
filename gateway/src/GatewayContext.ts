import type { Principal } from '@hub/auth';
import type { Logger } from '@hub/runtime';

/** Built once per request at the gateway. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  log: Logger;
}
