import http from 'node:http';
import path from 'node:path';
import { AuthenticationError, createJwtVerifier, HubSecrets, isRole, mintToken, Principal } from '@hub/auth';
import { HttpError, isProduction, RouteHandler, sendJson } from '@hub/runtime';
import { loadExampleOperations } from './exampleOperations';
import { fileRoute, folderRoutes, gatewayDir, pageSecurityPolicy, WebRoutes } from './staticFiles';

const idePublicDir = path.join(gatewayDir, 'public', 'ide');
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** GraphiQL and React as prebuilt browser files from node_modules: the IDE needs no network. */
const vendorFiles: Record<string, () => string> = {
  'react.js': () => path.join(packageDir('react'), 'umd', 'react.production.min.js'),
  'react-dom.js': () => path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  'graphiql.js': () => path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': () => path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

export interface IdeSettings {
  /** GET /ide and its files: development only (HUB_IDE=off turns it off there too). */
  enabled: boolean;
  /** GET /ide/token mints a token of any role for the IDE's button: development secrets only. */
  devTokens: boolean;
}

export function ideSettings(env: NodeJS.ProcessEnv, secrets: HubSecrets): IdeSettings {
  const enabled = !isProduction(env) && env.HUB_IDE !== 'off';
  return { enabled, devTokens: enabled && secrets.development && secrets.jwt.secret !== undefined && env.HUB_IDE_DEV_TOKENS !== 'off' };
}

const isLoopback = (address: string | undefined) =>
  !!address && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));

/**
 * GET /ide/token?role=analyst[&department=education]: a one-hour development token. Only with the
 * development secrets (anyone on this machine can mint those with `npm run token`) and only for
 * callers on this machine.
 */
function devTokenRoute(secrets: HubSecrets): RouteHandler {
  const verify = createJwtVerifier(secrets.jwt);
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (!isLoopback(req.socket.remoteAddress))
      throw new HttpError(403, '开发令牌只发给本机请求 (development tokens are for local callers only)');
    const role = (url.searchParams.get('role') ?? '').toUpperCase().replace(/-/g, '_');
    if (!isRole(role)) throw new HttpError(400, `未知角色 unknown role "${role}"`);
    const department = url.searchParams.get('department') || undefined;
    const subject = `ide-${role.toLowerCase()}`;
    // The verifier decides what a valid department claim is; the cast only carries the string there.
    const token = await mintToken(
      { subject, role, ...(department ? { department: department as Principal['department'] } : {}) },
      secrets.jwt,
      '1h',
    );
    try {
      await verify(token);
    } catch (error) {
      if (error instanceof AuthenticationError) throw new HttpError(400, error.message);
      throw error;
    }
    res.setHeader('cache-control', 'no-store');
    sendJson(res, 200, { token, role, department: department ?? null });
  };
}

/** The development IDE: GraphiQL served from node_modules, the saved examples, and the dev token button. */
export function ideRoutes(env: NodeJS.ProcessEnv, secrets: HubSecrets): WebRoutes & { settings: IdeSettings } {
  const settings = ideSettings(env, secrets);
  if (!settings.enabled) return { routes: {}, publicPaths: [], settings };
  const page = fileRoute(path.join(idePublicDir, 'index.html'), { headers: { 'content-security-policy': pageSecurityPolicy } });
  const routes: Record<string, RouteHandler> = {
    'GET /ide': page,
    'GET /ide/': page,
    ...folderRoutes(idePublicDir, '/ide'),
    'GET /ide/examples.json': (_req, res) => {
      res.setHeader('cache-control', 'no-cache');
      sendJson(res, 200, { devTokens: settings.devTokens, examples: loadExampleOperations() });
    },
  };
  for (const [name, file] of Object.entries(vendorFiles)) routes[`GET /ide/vendor/${name}`] = fileRoute(file(), { maxAgeSeconds: 86_400 });
  if (settings.devTokens) routes['GET /ide/token'] = devTokenRoute(secrets);
  const publicPaths = Object.keys(routes).map((key) => key.slice(key.indexOf(' ') + 1));
  return { routes, publicPaths, settings };
}
