import { demand, may, Principal } from '@hub/auth';
import { RouteHandler, sendJson } from '@hub/runtime';
import type { IntakeHub } from './createRowValidator';
import { importRoutes, ImportRoute, ImportRouteOptions } from './importRoutes';

/** What each intake route needs: imports write, exports read person-level records, templates need a login. */
const rules: Record<ImportRoute, (p: Principal, hub: IntakeHub) => boolean> = {
  'POST /import': (p, hub) => may.writeDepartment(p, hub.definition.code),
  'GET /import/template': () => true,
  'GET /export/certificates': (p, hub) => may.readPersonRecords(p, hub.definition.code),
  'GET /export/trainings': (p, hub) => may.readPersonRecords(p, hub.definition.code),
};

/** The intake routes of a department, each behind the same access rules as the graph's resolvers. */
export function guardedIntakeRoutes(hub: IntakeHub, options: ImportRouteOptions = {}): Record<ImportRoute, RouteHandler> {
  const routes = importRoutes(hub, options);
  return Object.fromEntries(
    (Object.keys(routes) as ImportRoute[]).map((route) => [
      route,
      (async (req, res, url, principal) => {
        try {
          demand(
            rules[route](principal as Principal, hub),
            principal as Principal,
            route.startsWith('POST') ? '导入本部门以外的数据' : '导出个人记录',
          );
        } catch (error) {
          return sendJson(res, 403, { error: (error as Error).message });
        }
        return routes[route](req, res, url, principal);
      }) satisfies RouteHandler,
    ]),
  ) as Record<ImportRoute, RouteHandler>;
}
