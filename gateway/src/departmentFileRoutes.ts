import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { PRINCIPAL_HEADER, Principal, requestPath, signCall } from '@hub/auth';
import { readBody, RouteHandler, sendJson } from '@hub/runtime';

const FILE_ROUTES = [
  ['POST', '/import'],
  ['GET', '/import/template'],
  ['GET', '/export/certificates'],
  ['GET', '/export/trainings'],
] as const;

/** The county service's file routes, served by the gateway at `/county<path>`. */
const COUNTY_SERVICE = 'county';
const COUNTY_ROUTES = [['GET', '/reports/ledger']] as const;

/** Subgraph names and base URLs as the supergraph's join__Graph enum declares them. */
export function supergraphServices(supergraphSdl: string): { name: string; url: string }[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => ({ name: m[1], url: m[2] }));
}

/**
 * Spreadsheet import, templates and exports of each department, through the gateway:
 * `/departments/<slug>/import`, `/departments/<slug>/import/template`, `/departments/<slug>/export/…`;
 * and the county service's 调度 workbook at `/county/reports/ledger?period=…`.
 * The caller's verified identity goes on in a header signed for that one call; the department decides.
 *
 * An upload is read whole first (refused with 413 past `maxUploadBytes`, the departments' own cap,
 * HUB_IMPORT_MAX_BYTES), so its SHA-256 can be signed with the call: the department compares the
 * bytes it receives with that digest before it parses anything, and a header captured on the way
 * cannot carry another file.
 */
export function departmentFileRoutes(
  services: { name: string; graphqlUrl: string }[],
  signingKey: Buffer,
  timeoutMs = 300_000,
  maxUploadBytes = 50 * 1024 * 1024,
): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (const { name, graphqlUrl } of services) {
    const base = graphqlUrl.replace(/\/graphql$/, '');
    for (const [method, path] of FILE_ROUTES) routes[`${method} /departments/${name}${path}`] = proxy(name, base, method, path);
    // The county service's 调度 workbook, under its own prefix: the county is not a department.
    if (name === COUNTY_SERVICE)
      for (const [method, path] of COUNTY_ROUTES) routes[`${method} /county${path}`] = proxy(name, base, method, path);
  }
  return routes;

  function proxy(name: string, base: string, method: 'GET' | 'POST', path: string): RouteHandler {
    return async (req, res, url, principal) => {
      const body = method === 'POST' ? await readBody(req, maxUploadBytes) : undefined;
      const target = `${base}${path}${url.search}`;
      let upstream;
      try {
        upstream = await request(target, {
          method,
          headers: {
            [PRINCIPAL_HEADER]: signCall(principal as Principal, signingKey, { audience: name, method, path: requestPath(target), body }),
            'content-type': req.headers['content-type'] ?? 'application/octet-stream',
            ...(body ? { 'content-length': String(body.length) } : {}),
            'x-request-id': String(res.getHeader('x-request-id') ?? req.headers['x-request-id'] ?? ''),
          },
          body,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch {
        return sendJson(res, 503, {
          error: `${name} 暂时不可用 (department unavailable)`,
          code: 'DEPARTMENT_UNAVAILABLE',
          department: name,
        });
      }
      const pass = ['content-type', 'content-disposition', 'content-length', 'cache-control'];
      for (const header of pass) {
        const value = upstream.headers[header];
        if (value !== undefined) res.setHeader(header, value);
      }
      res.statusCode = upstream.statusCode;
      await pipeline(upstream.body, res);
    };
  }
}
