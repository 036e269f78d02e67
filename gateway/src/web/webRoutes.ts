import type { HubSecrets } from '@hub/auth';
import type { Logger } from '@hub/runtime';
import { dashboardRoutes } from './dashboardRoutes';
import { ideRoutes } from './ideRoutes';
import type { WebRoutes } from './staticFiles';

/**
 * Everything the gateway serves to a browser: the county progress dashboard (/dashboard) and, in
 * development, the GraphQL IDE (/ide). Pages and assets are public; data still needs a token.
 */
export function webRoutes(env: NodeJS.ProcessEnv, { log, secrets }: { log: Logger; secrets: HubSecrets }): WebRoutes {
  const dashboard = dashboardRoutes(env, secrets);
  const ide = ideRoutes(env, secrets);
  log.info(
    { publicDashboardSession: dashboard.policy.enabled, ide: ide.settings.enabled, ideDevTokens: ide.settings.devTokens },
    `dashboard at /dashboard; public session ${dashboard.policy.enabled ? 'on' : 'off'} (${dashboard.policy.reason}); IDE ${ide.settings.enabled ? 'at /ide' : 'off'}`,
  );
  return { routes: { ...dashboard.routes, ...ide.routes }, publicPaths: [...dashboard.publicPaths, ...ide.publicPaths] };
}
