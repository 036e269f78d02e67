import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { PRINCIPAL_HEADER, Principal, signPrincipal } from '@hub/auth';
import { RouteHandler, sendJson } from '@hub/runtime';

const FILE_ROUTES = [
  ['POST', '/import'],
  ['GET', '/import/template'],
  ['GET', '/export/certificates'],
  ['GET', '/export/trainings'],
] as const;

/** Subgraph names and base URLs as the supergraph's join__Graph enum declares them. */
export function supergraphServices(supergraphSdl: string): { name: string; url: string }[] {
  return [...supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((m) => ({ name: m[1], url: m[2] }));
}

/**
 * Spreadsheet import, templates and exports of each department, through the gateway:
 * `/departments/<slug>/import`, `/departments/<slug>/import/template`, `/departments/<slug>/export/…`.
 * The caller's verified identity goes on in the signed header; the department decides.
 */
export function departmentFileRoutes(services: { name: string; graphqlUrl: string }[], signingKey: Buffer, timeoutMs = 300_000): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  for (const { name, graphqlUrl } of services) {
    const base = graphqlUrl.replace(/\/graphql$/, '');
    for (const [method, path] of FILE_ROUTES) {
      routes[`${method} /departments/${name}${path}`] = async (req, res, url, principal) => {
        let upstream;
        try {
          upstream = await request(`${base}${path}${url.search}`, {
            method,
            headers: {
              [PRINCIPAL_HEADER]: signPrincipal(principal as Principal, signingKey),
              'content-type': req.headers['content-type'] ?? 'application/octet-stream',
              ...(req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
              'x-request-id': String(res.getHeader('x-request-id') ?? req.headers['x-request-id'] ?? ''),
            },
            body: method === 'POST' ? req : undefined,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          });
        } catch {
          return sendJson(res, 503, { error: `${name} 暂时不可用 (department unavailable)`, code: 'DEPARTMENT_UNAVAILABLE', department: name });
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
  return routes;
}
