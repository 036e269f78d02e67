import { Agent, errors, request } from 'undici';
import client from 'prom-client';
import { hasSideEffects } from './sharedReads';

/** The shape Apollo Gateway's data sources call: a small subset of fetch. */
export interface LeanResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export interface FetcherOptions {
  /** The subgraph's name, for metrics. */
  subgraph: string;
  /** Per-request timeout toward the subgraph. */
  timeoutMs?: number;
  /** Extra attempts for reads that failed to connect (never for writes, never after a timeout). */
  retries?: number;
  connections?: number;
  registry?: client.Registry;
  /** Share identical reads in flight at the same time (default true). */
  dedupe?: boolean;
}

/**
 * Signs one call: the header is made per attempt from the exact method, URL and body sent (a
 * signature covers one call once, so a retry or a shared call gets its own). `who` identifies the
 * principal for sharing identical reads: calls of different principals are never shared.
 */
export interface CallSigner {
  who: string;
  header: string;
  sign(method: string, url: string, body: string): string;
}

/** What HubDataSource passes: fetch's init plus the signer of the call. */
export interface SignedInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signer?: CallSigner;
}

/** Header HubDataSource sets on read operations: only those may be retried. */
export const RETRYABLE_HEADER = 'x-hub-retryable';

const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function metricsOf(registry?: client.Registry) {
  if (!registry) return undefined;
  const existing = registry.getSingleMetric('hub_subgraph_requests_total') as client.Counter<'subgraph' | 'outcome'> | undefined;
  return {
    requests:
      existing ??
      new client.Counter({
        name: 'hub_subgraph_requests_total',
        help: 'Gateway calls to subgraphs by outcome (ok, error, timeout, retried; shared: a read that joined an identical one in flight)',
        labelNames: ['subgraph', 'outcome'] as const,
        registers: [registry],
      }),
    latency:
      (registry.getSingleMetric('hub_subgraph_request_duration_seconds') as client.Histogram<'subgraph'> | undefined) ??
      new client.Histogram({
        name: 'hub_subgraph_request_duration_seconds',
        help: 'Gateway → subgraph latency',
        labelNames: ['subgraph'] as const,
        buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
        registers: [registry],
      }),
  };
}

/** What one subgraph call produced: shared by every caller that joined it (see `dedupe`). */
interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** The same error the global AbortSignal.timeout gives, so callers can tell a timeout by its name. */
function timeoutError(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/** A subgraph's 400 carrying GraphQL errors is an answer (its errors go to the client), not a failure. */
function effectiveStatus(raw: RawResponse): number {
  const type = raw.headers['content-type'];
  return raw.status === 400 && String(type ?? '').includes('json') && raw.text.includes('"errors"') ? 200 : raw.status;
}

/** Headers that differ per incoming request but do not change a subgraph's answer. */
const NOT_IN_DEDUPE_KEY = 'x-request-id';

/**
 * A keep-alive fetcher on undici.request: far less work per call than the global fetch.
 * A subgraph's 400 with a GraphQL error body (e.g. a bad Date literal) is passed on as the
 * GraphQL errors it is, so clients see the subgraph's code and message, not "400: Bad Request".
 *
 * Identical reads in flight at the same time (same URL, body and headers, and the same principal,
 * so never across callers who may see different things) share one subgraph call, as Hive
 * Gateway and Apollo Router do: twenty dashboards asking for countyProgress at once cost hrss one
 * query. Each caller still parses its own copy of the answer. A shared call carries the first
 * caller's x-request-id. Writes and audited ID reveals are never shared. HUB_SUBGRAPH_DEDUPLICATE=0
 * turns this off.
 */
export function createUndiciFetcher(options: FetcherOptions) {
  const timeout = options.timeoutMs ?? 10_000;
  const retries = options.retries ?? 1;
  const dedupe = options.dedupe ?? true;
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connections: options.connections ?? 64,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    connectTimeout: Math.min(timeout, 3000),
  });
  const metrics = metricsOf(options.registry);
  // Label lookups once, not per call.
  const counted = metrics && {
    ok: metrics.requests.labels(options.subgraph, 'ok'),
    error: metrics.requests.labels(options.subgraph, 'error'),
    timeout: metrics.requests.labels(options.subgraph, 'timeout'),
    retried: metrics.requests.labels(options.subgraph, 'retried'),
    shared: metrics.requests.labels(options.subgraph, 'shared'),
    latency: metrics.latency.labels(options.subgraph),
  };
  const inflight = new Map<string, Promise<RawResponse>>();

  const once = async (
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    signer: CallSigner | undefined,
  ): Promise<RawResponse> => {
    if (signer) headers[signer.header] = signer.sign(method, url, body ?? '');
    // One timer per call for the whole exchange, cleared when it ends (AbortSignal.timeout's timer
    // would fire, and build an exception, for every call long after it finished).
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError()), timeout);
    try {
      const response = await request(url, { method: method as 'POST', headers, body, dispatcher: agent, signal: controller.signal });
      const text = await response.body.text();
      return { status: response.statusCode, headers: response.headers, text };
    } finally {
      clearTimeout(timer);
    }
  };

  const attempt = async (
    url: string,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    retryable: boolean,
    signer?: CallSigner,
  ): Promise<RawResponse> => {
    const started = process.hrtime.bigint();
    for (let attempt = 0; ; attempt++) {
      try {
        const raw = await once(url, method, headers, body, signer);
        const status = effectiveStatus(raw);
        (status >= 200 && status < 300 ? counted?.ok : counted?.error)?.inc();
        counted?.latency.observe(Number(process.hrtime.bigint() - started) / 1e9);
        return raw;
      } catch (error) {
        const code = (error as { code?: string }).code ?? '';
        const timedOut =
          (error as Error).name === 'TimeoutError' ||
          error instanceof errors.HeadersTimeoutError ||
          error instanceof errors.BodyTimeoutError;
        if (retryable && !timedOut && CONNECT_FAILURES.has(code) && attempt < retries) {
          counted?.retried.inc();
          await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
          continue;
        }
        (timedOut ? counted?.timeout : counted?.error)?.inc();
        throw error;
      }
    }
  };

  const lean = (raw: RawResponse, url: string): LeanResponse => {
    const header = (name: string) => {
      const value = raw.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    const status = effectiveStatus(raw);
    const text = raw.text;
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      url,
      headers: { get: header },
      json: async () => JSON.parse(text) as unknown,
      text: async () => text,
    };
  };

  const fetcher = async (url: string, init: SignedInit): Promise<LeanResponse> => {
    const method = init.method ?? 'POST';
    const headers: Record<string, string> = {};
    const signer = init.signer;
    let retryable = false;
    let key = dedupe ? `${method} ${url}\n${init.body ?? ''}${signer ? `\nsigned-for:${signer.who}` : ''}` : '';
    for (const name in init.headers) {
      if (name === RETRYABLE_HEADER) {
        retryable = init.headers[name] === '1';
        continue;
      }
      headers[name] = init.headers[name];
      if (dedupe && name !== NOT_IN_DEDUPE_KEY) key += `\n${name}:${headers[name]}`;
    }
    // A call that reveals an ID number is audited by the subgraph as it arrives: never shared, and never sent
    // again after a dropped connection (the first may have been audited already), so each request audits once.
    if (retryable && hasSideEffects(init.body ?? '')) retryable = false;
    // Only reads (the retryable ones) are shared.
    if (!dedupe || !retryable) return lean(await attempt(url, method, headers, init.body, retryable, signer), url);
    let shared = inflight.get(key);
    if (shared) counted?.shared.inc();
    else {
      shared = attempt(url, method, headers, init.body, retryable, signer).finally(() => inflight.delete(key));
      inflight.set(key, shared);
    }
    return lean(await shared, url);
  };
  return { fetcher, close: () => (agent.closed ? Promise.resolve() : agent.close()) };
}
