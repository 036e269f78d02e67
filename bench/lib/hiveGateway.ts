import fs from 'node:fs';
import { createGatewayRuntime, GatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { isRole, PRINCIPAL_HEADER, Principal, requestPath, signCall } from '@hub/auth';
import { ConstArgumentNode, DirectiveNode, Kind, parse } from 'graphql';

/** Headers the benchmark sends to Hive to say which principal to sign (Hive does no authentication here). */
export const BENCH_ROLE_HEADER = 'x-bench-role';
export const BENCH_SUBJECT_HEADER = 'x-bench-subject';

export interface HiveGatewayOptions {
  /** Path of the supergraph file, used unchanged. */
  supergraphPath: string;
  /** Subgraph name (as in join__Graph, e.g. civil-affairs) → its /graphql URL. */
  subgraphUrls: Record<string, string>;
  /** HUB_SUBGRAPH_SIGNING_KEY: the subgraphs refuse requests without a signed principal. */
  signingKey: Buffer;
  /**
   * The principal signed into every subgraph call. Authentication is off at Hive (it would need its
   * own JWT plugin configuration), so the caller is chosen here: by default the county administrator,
   * or the role named in the x-bench-role request header (a benchmark convenience, never for production).
   * A role without an entry here is signed as `bench-<role>`; department staff and unknown roles get no
   * header at all, so the subgraphs refuse them. x-bench-subject replaces the subject (many callers).
   */
  principals?: Record<string, Principal>;
  /** Hive's own logs on the console (off: they would cost time under load). */
  logging?: boolean;
}

const defaultPrincipals: Record<string, Principal> = {
  COUNTY_ADMIN: { subject: 'bench-admin', role: 'COUNTY_ADMIN' },
  ANALYST: { subject: 'bench-analyst', role: 'ANALYST' },
};

/**
 * Hive Gateway with the Rust query planner (router-runtime) on the hub's committed supergraph, with
 * subgraph URLs moved to where the departments listen and the x-hub-principal header signed into
 * every subgraph fetch by an onFetch hook, from the exact method, URL and body Hive sends (the hub's
 * signatures cover one call, once), as our gateway's fetcher does.
 */
export function createHiveGateway(options: HiveGatewayOptions): GatewayRuntime {
  const principals = options.principals ?? defaultPrincipals;
  const audiences = new Map(Object.entries(options.subgraphUrls).map(([name, location]) => [location, name]));
  const principalFor = (role: string, subject: string | null): Principal | null => {
    const base =
      principals[role] ?? (isRole(role) && role !== 'DEPARTMENT_STAFF' ? { subject: `bench-${role.toLowerCase()}`, role } : null);
    return base && (subject ? { ...base, subject } : base);
  };
  const supergraph = fs.readFileSync(options.supergraphPath, 'utf8');
  const audited = auditedLookupSubgraphs(supergraph);
  return createGatewayRuntime({
    supergraph,
    unifiedGraphHandler,
    // Every lookup by ID number is audited by the subgraph that answers it, per request: like our gateway, Hive must
    // not share those calls in flight (its HTTP executor shares identical queries by default, keyed on URL and body),
    // or it would do less work and write fewer audit rows than requests. Its sharing is per subgraph, not per call, so
    // it is turned off for the subgraphs answering an audited root field (today county's Query.person, which took it
    // over from hrss) and for hrss; the other departments' reads may be shared, as ours are.
    transportEntries: Object.fromEntries(
      Object.entries(options.subgraphUrls).map(([name, location]) => [
        name,
        audited.has(name) || name === 'hrss' ? { location, options: { deduplicateInflightRequests: false } } : { location },
      ]),
    ),
    plugins: () => [
      {
        onFetch(payload) {
          const { url, options: init, context } = payload;
          const request = (context as { request?: Request } | undefined)?.request;
          const who = principalFor(
            request?.headers.get(BENCH_ROLE_HEADER) ?? 'COUNTY_ADMIN',
            request?.headers.get(BENCH_SUBJECT_HEADER) ?? null,
          );
          const audience = audiences.get(url);
          if (!who || !audience) return;
          const body = typeof init.body === 'string' || init.body instanceof Uint8Array ? init.body : '';
          const method = init.method ?? 'GET';
          const given = init.headers instanceof Headers ? Object.fromEntries(init.headers) : init.headers;
          const headers = {
            ...given,
            [PRINCIPAL_HEADER]: signCall(who, options.signingKey, { audience, method, path: requestPath(url), body }),
          };
          payload.setOptions({ ...init, headers });
        },
      },
    ],
    logging: options.logging ? 'debug' : false,
    graphiql: false,
    landingPage: false,
  });
}

const argument = (directive: DirectiveNode, name: string): ConstArgumentNode | undefined =>
  directive.arguments?.find((a) => a.name.value === name) as ConstArgumentNode | undefined;

/**
 * The subgraphs (by name) that answer a root Query field taking a `purpose`: the audited lookups, read from the
 * supergraph's join__field directives (a field without one is answered by every subgraph defining Query).
 */
export function auditedLookupSubgraphs(supergraphSdl: string): Set<string> {
  const document = parse(supergraphSdl);
  const names = new Map<string, string>();
  const found = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = value.directives?.find((d) => d.name.value === 'join__graph');
      const given = name && argument(name, 'name')?.value;
      if (given?.kind === Kind.STRING) names.set(value.name.value, given.value);
    }
  }
  const graphOf = (directive: DirectiveNode) => {
    const graph = argument(directive, 'graph')?.value;
    return graph?.kind === Kind.ENUM ? names.get(graph.value) : undefined;
  };
  for (const definition of document.definitions) {
    if (
      (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
      definition.name.value !== 'Query'
    )
      continue;
    const definers = (definition.directives ?? []).filter((d) => d.name.value === 'join__type').map(graphOf);
    for (const field of definition.fields ?? []) {
      if (!field.arguments?.some((a) => a.name.value === 'purpose')) continue;
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      for (const graph of joins.length > 0 ? joins.map(graphOf) : definers) if (graph) found.add(graph);
    }
  }
  return found;
}

/** One person's dossier over the six departments: what the benchmark and test/hiveGateway.test.ts ask both gateways. */
export const DOSSIER_QUERY = `query Dossier($id: String!) { person(idNumber: $id) { id name idNumberMasked sex birthDate township { code name } departments
  hrss { certificates { certificateNumber kind level issuedOn evaluationInstitution } trainings { programme enterprise startDate } }
  education { certificates { certificateNumber kind level school } trainings { programme school major } }
  agriculture { certificates { certificateNumber kind } trainings { programme cooperative industry } }
  veterans { certificates { certificateNumber kind level } trainings { programme dischargeYear } }
  civilAffairs { certificates { certificateNumber kind } trainings { programme institution } }
  finance { certificates { certificateNumber kind employer } trainings { programme employer } } } }`;
