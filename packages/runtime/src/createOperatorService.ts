import type http from 'node:http';
import type { Logger } from 'pino';
import { close, createHttpService, listen, RouteHandler } from './httpService';
import { isProduction } from './services';

/** Where a service's operator endpoints listen, when they have a port of their own. */
export interface OperatorService {
  server: http.Server;
  /** Listens on HUB_<SLUG>_INTERNAL_PORT, else HUB_INTERNAL_PORT, else the public port + 100 (0 stays 0); returns the port. */
  listen(publicPort: number): Promise<number>;
  close(): Promise<void>;
}

function envKey(slug: string): string {
  return slug.toUpperCase().replace(/-/g, '_');
}

/** The internal port of a service: its own variable, the shared one, or the public port + 100 (0 stays 0, for tests). */
export function internalPort(slug: string, publicPort: number, env: NodeJS.ProcessEnv = process.env): number {
  const variable = env[`HUB_${envKey(slug)}_INTERNAL_PORT`]
    ? `HUB_${envKey(slug)}_INTERNAL_PORT`
    : env.HUB_INTERNAL_PORT
      ? 'HUB_INTERNAL_PORT'
      : undefined;
  if (!variable) return publicPort === 0 ? 0 : publicPort + 100;
  const port = Number(env[variable]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable} must be a port number, got "${env[variable]}"`);
  return port;
}

/**
 * Operator endpoints (`GET /metrics`, `GET /ready`): who else is calling, how busy the service is and
 * which database it runs on are nobody's business on the public port. In production (HUB_MODE or
 * NODE_ENV) they are served only on an internal listener bound to HUB_INTERNAL_HOST (default
 * 127.0.0.1: the host's own monitoring; set it to the container's private address for a scraper on
 * the internal network) and this returns it; in development it returns null and the caller serves
 * them on the public port as before. `/health` stays public everywhere: it says ok or not, no more.
 */
export function createOperatorService(
  slug: string,
  routes: Record<string, RouteHandler>,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
): OperatorService | null {
  if (!isProduction(env)) return null;
  const server = createHttpService({ log, routes, publicPaths: new Set(Object.keys(routes).map((r) => r.split(' ')[1])) });
  return {
    server,
    async listen(publicPort) {
      const port = await listen(server, internalPort(slug, publicPort, env), env.HUB_INTERNAL_HOST || '127.0.0.1');
      log.info({ port }, `${slug} operator endpoints (/metrics, /ready) on the internal port`);
      return port;
    },
    close: () => (server.listening ? close(server) : Promise.resolve()),
  };
}
