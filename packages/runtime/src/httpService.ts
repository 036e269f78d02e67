import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Logger } from 'pino';
import type { ServiceMetrics } from './metrics';
import type { RouteHandler } from './RouteHandler';

export type { RouteHandler } from './RouteHandler';

export interface HttpServiceOptions<TContext extends BaseContext> {
  log: Logger;
  /** Extra routes keyed by `METHOD /path`, e.g. `GET /health`. */
  routes?: Record<string, RouteHandler>;
  graphql?: {
    server: ApolloServer<TContext>;
    context: (req: http.IncomingMessage, requestId: string, principal: unknown) => Promise<TContext>;
    path?: string;
  };
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  /**
   * Who is calling; null answers 401 (or the HttpError it throws). Paths in `publicPaths`
   * (e.g. /health) skip it. Returns the principal, null, or a promise of either.
   */
  authenticate?: (req: http.IncomingMessage) => unknown;
  publicPaths?: ReadonlySet<string>;
  /** Counts requests and latency per route when given. */
  metrics?: ServiceMetrics;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Checks a request's body must pass once it is read (see `checkBodyWith`). */
const bodyChecks = new WeakMap<http.IncomingMessage, (body: Buffer) => boolean>();

/**
 * Makes `readBody` refuse this request's body (401) unless `check` accepts its exact bytes: a
 * signature that covers the body is checked before any route or GraphQL sees it.
 */
export function checkBodyWith(req: http.IncomingMessage, check: (body: Buffer) => boolean): void {
  bodyChecks.set(req, check);
}

function checked(req: http.IncomingMessage, body: Buffer): Buffer {
  const check = bodyChecks.get(req);
  if (check && !check(body)) throw new HttpError(401, '请求体与签名不符 (the body is not the one signed)');
  return body;
}

/**
 * The request body, refused with 413 past `maxBytes`, and with 401 when a check set by
 * `checkBodyWith` refuses it. Read with 'data' events rather than `for await`:
 * the async iterator costs a few promises and an end-of-stream watcher per request, a measurable part
 * of a subgraph call. Like the iterator, an oversized body destroys the request.
 */
export function readBody(req: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(new HttpError(413, `请求体超过上限 ${maxBytes} 字节 (request body too large)`));
  // Already read to its end (as `for await` would find it): nothing more will come.
  if (req.readableEnded) return new Promise((resolve) => resolve(checked(req, Buffer.alloc(0))));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        req.destroy();
        reject(new HttpError(413, `请求体超过上限 ${maxBytes} 字节 (request body too large)`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      try {
        resolve(checked(req, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
      } catch (error) {
        reject(error);
      }
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    // The client went away before the body ended.
    const onClose = () => {
      done();
      reject(Object.assign(new Error('request closed before its body ended'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The request id travels from the gateway to the subgraphs in `x-request-id`. */
export function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/** A plain node:http server routing a few fixed paths and one GraphQL endpoint. */
export function createHttpService<TContext extends BaseContext>(options: HttpServiceOptions<TContext>): http.Server {
  const { log, routes = {}, graphql, maxBodyBytes = 1_000_000, authenticate, publicPaths = new Set(['/health']), metrics } = options;
  const graphqlPath = graphql?.path ?? '/graphql';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Only known routes become labels, so a scan of random paths cannot blow up the metrics.
      const route = routes[`${req.method} ${url.pathname}`] || url.pathname === graphqlPath ? `${req.method} ${url.pathname}` : 'other';
      metrics?.httpRequests.inc({ route, status: String(res.statusCode) });
      metrics?.httpDuration.observe({ route }, seconds);
      const level = res.statusCode >= 500 ? 'warn' : res.statusCode >= 400 || seconds > 1 ? 'info' : 'debug';
      // Most requests are fast 200s logged at debug: build the entry only when it will be written.
      if (!log.isLevelEnabled(level)) return;
      const entry = {
        requestId: res.getHeader('x-request-id'),
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
      };
      log[level](entry, level === 'warn' ? 'request failed' : 'request');
    });
    const handle = async (): Promise<void> => {
      const route = routes[`${req.method} ${url.pathname}`];
      const isGraphql = graphql !== undefined && url.pathname === graphqlPath;
      if (!route && !isGraphql) return sendJson(res, 404, { error: 'not found' });
      let principal: unknown;
      if (authenticate && !publicPaths.has(url.pathname)) {
        principal = await authenticate(req);
        if (principal === null || principal === undefined) {
          res.setHeader('www-authenticate', 'Bearer');
          return sendJson(res, 401, { error: '未登录或凭证无效 (authentication required)' });
        }
      }
      if (route) return route(req, res, url, principal);
      return serveGraphql(req, res, url, graphql!, maxBodyBytes, principal);
    };
    handle().catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status >= 500) log.error({ err: error, path: url.pathname }, 'request failed');
      if (!res.headersSent) {
        sendJson(res, status, { error: error instanceof HttpError ? error.message : 'internal error' });
      } else {
        res.end();
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  return server;
}

async function serveGraphql<TContext extends BaseContext>(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  graphql: NonNullable<HttpServiceOptions<TContext>['graphql']>,
  maxBodyBytes: number,
  principal: unknown,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  let body: unknown;
  if (req.method === 'POST') {
    const raw = await readBody(req, maxBodyBytes);
    const contentType = headers.get('content-type') ?? '';
    if (raw.length > 0 && contentType.includes('application/json')) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, '请求体不是合法的 JSON (malformed JSON body)');
      }
    } else {
      body = raw.toString('utf8');
    }
  }
  const requestId = requestIdOf(req);
  const response = await graphql.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => graphql.context(req, requestId, principal),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.setHeader('x-request-id', requestId);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** How long a stopping service waits for answers still in flight before it cuts their connections. */
export const STOP_GRACE_MS = 10_000;

/** HUB_STOP_GRACE_MS when it is a number of milliseconds, else STOP_GRACE_MS. */
export function stopGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.HUB_STOP_GRACE_MS);
  return env.HUB_STOP_GRACE_MS && Number.isFinite(ms) && ms >= 0 ? ms : STOP_GRACE_MS;
}

/**
 * Stops accepting connections, closes the idle ones and waits for in-flight requests to finish; after
 * `graceMs` it cuts whatever is left, so a client that stops reading a streamed answer cannot hold a
 * stopping service open for ever.
 */
export function close(server: http.Server, graceMs = STOP_GRACE_MS): Promise<void> {
  return new Promise((resolve) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(cut);
      resolve();
    });
    server.closeIdleConnections();
  });
}
