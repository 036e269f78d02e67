import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, requestPath, signCall } from '@hub/auth';
import { serviceBaseUrl } from '@hub/runtime';

/** How an unavailable service is named to the caller, e.g. 人社局 / HRSS. */
export interface ServiceName {
  /** Folder and service name, e.g. `county`. */
  slug: string;
  /** 县技能人才统计调度 — for the caller's message. */
  label: string;
  /** The `department` (or service) code put in the error's extensions, e.g. `HRSS` or `COUNTY`. */
  code: string;
  /** What cannot be checked while it is down, e.g. 无法核验持证记录. */
  consequence: string;
}

/**
 * GraphQL calls from one service to another, signed as the service role for each call (its path and its
 * very body bytes) like the gateway signs: a department's data stays in its own service, the caller only asks.
 * Any failure (unreachable, HTTP error, GraphQL errors) is one DEPARTMENT_UNAVAILABLE error naming the service.
 */
export class ServiceClient {
  constructor(
    private readonly target: ServiceName,
    /** Who calls, e.g. `finance-subsidies`: the subject the callee sees (and audits). */
    private readonly subject: string,
    private readonly signingKey: Buffer,
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs = 10_000,
  ) {}

  async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    // Read at call time: the service's address may be set after the caller was built (tests, docker compose).
    const url = `${serviceBaseUrl(this.target.slug, this.env)}/graphql`;
    const payload = JSON.stringify({ query, variables });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: signCall({ subject: this.subject, role: 'SERVICE' }, this.signingKey, {
            audience: this.target.slug,
            method: 'POST',
            path: requestPath(url),
            body: payload,
          }),
        },
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.unavailable(error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw this.unavailable(`HTTP ${response.status}`);
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw this.unavailable(body.errors?.map((e) => e.message).join('; ') ?? 'empty answer');
    return body.data;
  }

  private unavailable(detail: string): GraphQLError {
    const { label, code, consequence } = this.target;
    return new GraphQLError(`${label}服务暂不可用，${consequence}，请稍后重试（${detail}）`, {
      extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: code, reason: `${code}_UNAVAILABLE` },
    });
  }
}
