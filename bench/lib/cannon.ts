import autocannon from 'autocannon';
import type { LoadResult } from './planLoad';

export interface CannonRequest {
  body: string;
  headers: Record<string, string>;
}

export interface CannonCase {
  url: string;
  /** POSTs sent in turn (one: the same request over and over). */
  requests: CannonRequest[];
}

/**
 * autocannon for a fixed time at a fixed number of connections, one POST (or a rotation of them)
 * repeated. Latencies are collected per response (autocannon's own histogram has no p95); a response
 * counts as an error when its status is not 200 or its body carries a GraphQL `errors` array.
 */
export function runCannon(
  target: CannonCase,
  connections: number,
  durationS: number,
): Promise<LoadResult & { non200: number; graphqlErrors: number; connectionErrors: number }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let non200 = 0;
    let graphqlErrors = 0;
    let next = 0;
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: durationS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...target.requests[0].headers },
            body: target.requests[0].body,
            ...(target.requests.length > 1
              ? {
                  setupRequest: (request: autocannon.Request) => {
                    const r = target.requests[next++ % target.requests.length];
                    return { ...request, body: r.body, headers: { 'content-type': 'application/json', ...r.headers } };
                  },
                }
              : {}),
            onResponse: (status: number, body: string) => {
              if (status !== 200) non200++;
              else if (body.includes('"errors"')) graphqlErrors++;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          count: latencies.length,
          durationS: result.duration,
          latencies,
          errors: non200 + graphqlErrors + result.errors,
          non200,
          graphqlErrors,
          connectionErrors: result.errors,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
