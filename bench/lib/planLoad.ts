import { Agent, request } from 'undici';

/** One subgraph request of a replayed plan; requests of one stage go out together. */
export interface PlanRequest {
  stage: number;
  url: string;
  body: string;
  headers: () => Record<string, string>;
}

export interface LoadResult {
  /** Completed operations (a whole plan counts once). */
  count: number;
  durationS: number;
  /** Latency of each operation in ms, in completion order. */
  latencies: number[];
  /** Operations with an HTTP status ≠ 200 or a GraphQL errors array in any response. */
  errors: number;
}

/**
 * A closed-loop load generator that replays a query plan straight against the subgraphs: stage 0,
 * then all of stage 1 in parallel, and so on, `connections` operations in flight for `durationMs`.
 * This is the gateway with zero overhead: the best a federated answer can do on these services.
 * Several plans (e.g. one per person) are replayed in turn.
 */
export async function runPlanLoad(plans: PlanRequest[][], connections: number, durationMs: number): Promise<LoadResult> {
  const agent = new Agent({ connections, keepAliveTimeout: 30_000, pipelining: 1 });
  const staged = plans.map((plan) =>
    [...new Set(plan.map((p) => p.stage))].sort((a, b) => a - b).map((s) => plan.filter((p) => p.stage === s)),
  );
  let next = 0;
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + durationMs;
  const send = async (p: PlanRequest): Promise<boolean> => {
    const response = await request(p.url, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/json', ...p.headers() },
      body: p.body,
    });
    const text = await response.body.text();
    return response.statusCode === 200 && !text.includes('"errors"');
  };
  const worker = async () => {
    while (performance.now() < until) {
      const t = performance.now();
      let ok = true;
      const stages = staged[next++ % staged.length];
      try {
        for (const stage of stages) ok = (await Promise.all(stage.map(send))).every(Boolean) && ok;
      } catch {
        ok = false;
      }
      latencies.push(performance.now() - t);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const durationS = (performance.now() - started) / 1000;
  await agent.close();
  return { count: latencies.length, durationS, latencies, errors };
}
