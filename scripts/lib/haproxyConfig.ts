/** One process behind HAProxy: where it answers, and where its /ready answers (its internal port in production). */
export interface ReplicaAddress {
  name: string;
  host: string;
  port: number;
  checkPort: number;
}

/** One load-balanced service: HAProxy listens on `port` and spreads requests over the replicas. */
export interface BalancedService {
  /** The service's folder name or "gateway"; also the HAProxy section's name. */
  slug: string;
  bindHost: string;
  port: number;
  replicas: ReplicaAddress[];
}

export interface HaproxyOptions {
  services: BalancedService[];
  /** HAProxy's statistics page (CSV at /stats;csv), on 127.0.0.1 only; omitted when undefined. */
  statsPort?: number;
  /** Milliseconds between health checks (default 1000). */
  checkIntervalMs?: number;
}

const sectionName = (slug: string) => slug.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * An HAProxy configuration for the hub's replicas (HAProxy 2.4+, Debian's `haproxy`). For each
 * service: a frontend and a backend, round robin, every replica health-checked on `GET /ready`.
 *
 * Why the options:
 * - `retries 3` + `option redispatch 1`: a connection refused by a dead replica is tried on another.
 * - `retry-on conn-failure empty-response response-timeout` + `option http-buffer-request`: a request
 *   whose replica dies mid-way (no answer at all) is sent again to another replica; the body is
 *   buffered so it can be resent. A request that looks like a mutation, a persisted query sent by
 *   its hash alone, and any POST other than /graphql (a spreadsheet import), is never resent after it was delivered (`disable-l7-retry`): a
 *   second delivery could apply it twice. Its connection failures are still retried, as nothing
 *   reached the replica.
 * - A backup entry per replica without a health check: the gateway's /ready also fails when a
 *   department is unreachable, and then it fails on every gateway at once; rather than answering 503
 *   for everything, HAProxy keeps sending to the gateways, which answer what they can.
 */
export function haproxyConfig(options: HaproxyOptions): string {
  const inter = options.checkIntervalMs ?? 1000;
  const lines = [
    "# Generated for the hub's replicas (scripts/lib/haproxyConfig.ts); see deploy/haproxy.cfg for the annotated example.",
    'global',
    '  maxconn 4096',
    '',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout http-request 10s',
    '  option forwardfor',
    '  option http-buffer-request',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout',
    '',
  ];
  for (const service of options.services) {
    const name = sectionName(service.slug);
    lines.push(
      `frontend ${name}_in`,
      `  bind ${service.bindHost}:${service.port}`,
      '  # A write is not resent once delivered (it could apply twice): a GraphQL mutation (the word is in',
      '  # the body), a persisted query sent by its hash alone (it may be a mutation), and any other POST,',
      '  # e.g. a spreadsheet import (/departments/<slug>/import).',
      '  http-request disable-l7-retry if { method POST } { req.body -m sub -i mutation }',
      `  http-request disable-l7-retry if { method POST } { req.body -m sub persistedQuery } !{ req.body -m sub '"query"' }`,
      '  http-request disable-l7-retry if { method POST } !{ path /graphql }',
      `  default_backend ${name}`,
      '',
      `backend ${name}`,
      '  balance roundrobin',
      '  option httpchk GET /ready',
      '  http-check expect status 200',
      `  default-server inter ${inter} fastinter ${Math.max(100, Math.floor(inter / 2))} downinter ${inter} fall 2 rise 2`,
      ...service.replicas.map((r) => `  server ${r.name} ${r.host}:${r.port} check port ${r.checkPort}`),
      ...service.replicas.map((r) => `  server ${r.name}_unchecked ${r.host}:${r.port} backup`),
      '',
    );
  }
  if (options.statsPort !== undefined) {
    lines.push('listen stats', `  bind 127.0.0.1:${options.statsPort}`, '  stats enable', '  stats uri /stats', '  stats refresh 5s', '');
  }
  return lines.join('\n');
}

/** One row of HAProxy's CSV statistics: a backend's server and its state (UP, DOWN, no check, …). */
export interface ServerState {
  backend: string;
  server: string;
  status: string;
}

/** Reads the servers' states from HAProxy's `/stats;csv`. */
export function parseHaproxyStats(csv: string): ServerState[] {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  return rows
    .map((row) => row.split(','))
    .filter((cells) => cells[at('svname')] !== 'FRONTEND' && cells[at('svname')] !== 'BACKEND')
    .map((cells) => ({ backend: cells[at('pxname')], server: cells[at('svname')], status: cells[at('status')] }));
}
