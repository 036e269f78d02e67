import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RouteHandler } from '@hub/runtime';

/** gateway/: the public/ and operations/ folders live beside src/. */
export const gatewayDir = path.join(__dirname, '..', '..');

/** Routes a part of the web UI adds to the gateway, and which of their paths need no token. */
export interface WebRoutes {
  routes: Record<string, RouteHandler>;
  publicPaths: string[];
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.graphql': 'text/plain; charset=utf-8',
};

/**
 * The page's own scripts, styles and data come from this server only; inline styles are allowed
 * because charts set widths and colours from data.
 */
export const pageSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

export interface FileOptions {
  /** Browser cache lifetime; 0 (the default) revalidates with the ETag on every load. */
  maxAgeSeconds?: number;
  /** Extra response headers, e.g. a Content-Security-Policy for HTML pages. */
  headers?: Record<string, string>;
}

/** Answers GET with one file, read on each request so edits show on reload; ETag → 304. */
export function fileRoute(file: string, options: FileOptions = {}): RouteHandler {
  const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
  return async (req, res) => {
    const body = await fs.promises.readFile(file);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': options.maxAgeSeconds ? `public, max-age=${options.maxAgeSeconds}` : 'no-cache',
      'x-content-type-options': 'nosniff',
      etag,
      ...options.headers,
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    res.end(body);
  };
}

/** `GET <prefix>/<name>` for every file directly in `dir` (HTML pages get the page security policy). */
export function folderRoutes(dir: string, prefix: string, options: FileOptions = {}): Record<string, RouteHandler> {
  const routes: Record<string, RouteHandler> = {};
  if (!fs.existsSync(dir)) return routes;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const html = entry.name.endsWith('.html');
    routes[`GET ${prefix}/${entry.name}`] = fileRoute(
      path.join(dir, entry.name),
      html ? { ...options, headers: { 'content-security-policy': pageSecurityPolicy, ...options.headers } } : options,
    );
  }
  return routes;
}
