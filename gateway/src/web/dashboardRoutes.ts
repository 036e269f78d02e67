import path from 'node:path';
import type { HubSecrets } from '@hub/auth';
import { RouteHandler, sendJson } from '@hub/runtime';
import { dashboardSessionRoute, PublicDashboardPolicy, publicDashboardPolicy } from './dashboardSession';
import { loadPersistedOperation } from './persistedOperation';
import { fileRoute, folderRoutes, gatewayDir, pageSecurityPolicy, WebRoutes } from './staticFiles';

export const dashboardPublicDir = path.join(gatewayDir, 'public', 'dashboard');
export const dashboardOperationFile = path.join(gatewayDir, 'operations', 'dashboardCountyProgress.graphql');

/** What the page learns before its first query: how to get a token and what to send. */
export interface DashboardConfig {
  /** GET /dashboard/session is available; otherwise the page asks for a pasted token. */
  publicSession: boolean;
  /** The disclosure threshold (cell-key method): no published count of dashboards and analysts is positive and below it. */
  minCellSize: number;
  /** Reload the figures this often while the as-of date is today. */
  refreshSeconds: number;
  operation: ReturnType<typeof loadPersistedOperation>;
}

/**
 * The county progress screen: GET /dashboard, the 调度 ledger page GET /dashboard/ledger, and their assets (public: they hold no data), its config,
 * and, when the policy allows, GET /dashboard/session. The figures themselves come from /graphql.
 */
export function dashboardRoutes(env: NodeJS.ProcessEnv, secrets: HubSecrets): WebRoutes & { policy: PublicDashboardPolicy } {
  const policy = publicDashboardPolicy(env, secrets);
  const config: DashboardConfig = {
    publicSession: policy.enabled,
    minCellSize: Number(env.HUB_MIN_CELL_SIZE || 5),
    refreshSeconds: Math.max(30, Number(env.HUB_DASHBOARD_REFRESH_SECONDS || 300)),
    operation: loadPersistedOperation(dashboardOperationFile),
  };
  const page = fileRoute(path.join(dashboardPublicDir, 'index.html'), { headers: { 'content-security-policy': pageSecurityPolicy } });
  // 调度台账 the ledger page (period picker, ratios and pace, the workbook download); its data also comes from /graphql.
  const ledgerPage = fileRoute(path.join(dashboardPublicDir, 'ledger.html'), {
    headers: { 'content-security-policy': pageSecurityPolicy },
  });
  const routes: Record<string, RouteHandler> = {
    'GET /dashboard': page,
    'GET /dashboard/': page,
    'GET /dashboard/ledger': ledgerPage,
    ...folderRoutes(dashboardPublicDir, '/dashboard'),
    'GET /dashboard/config.json': (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      sendJson(res, 200, config);
    },
  };
  if (policy.enabled) routes['GET /dashboard/session'] = dashboardSessionRoute(env, secrets);
  const publicPaths = Object.keys(routes).map((key) => key.slice(key.indexOf(' ') + 1));
  return { routes, publicPaths, policy };
}
