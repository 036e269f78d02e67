import type http from 'node:http';

/**
 * One HTTP route of a service, keyed elsewhere by `METHOD /path`. Its own module so that the HTTP service and the
 * metrics (which serves /metrics as a route and is handed to the HTTP service) both import it without importing each other.
 * `principal` is whatever `authenticate` returned for the request (undefined on public paths).
 */
export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, principal?: unknown) => Promise<void> | void;
