import { Agent, request } from 'undici';

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
  /** Per-request timeout toward a subgraph. */
  timeoutMs?: number;
  connections?: number;
}

/**
 * A keep-alive fetcher on undici.request: far less work per call than the global fetch.
 * A subgraph's 400 with a GraphQL error body (e.g. a bad Date literal) is passed on as the
 * GraphQL errors it is, so clients see the subgraph's code and message, not "400: Bad Request".
 */
export function createUndiciFetcher(options: FetcherOptions = {}) {
  const timeout = options.timeoutMs ?? 10_000;
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: options.connections ?? 64, headersTimeout: timeout, bodyTimeout: timeout });
  const fetcher = async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }): Promise<LeanResponse> => {
    const response = await request(url, {
      method: (init.method ?? 'POST') as 'POST',
      headers: init.headers,
      body: init.body,
      dispatcher: agent,
      signal: AbortSignal.timeout(timeout),
    });
    const text = await response.body.text();
    const header = (name: string) => {
      const value = response.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    };
    let status = response.statusCode;
    if (status === 400 && (header('content-type') ?? '').includes('json') && text.includes('"errors"')) status = 200;
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: String(status),
      url,
      headers: { get: header },
      json: async () => JSON.parse(text),
      text: async () => text,
    };
  };
  return { fetcher, close: () => agent.close() };
}
