import fs from 'node:fs';
import { createGatewayRuntime, GatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { isRole, PRINCIPAL_HEADER, Principal, signPrincipal } from '@hub/auth';

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
 * subgraph URLs moved to where the departments listen and the signed x-hub-principal header added to
 * every subgraph fetch. A signed header is valid for 60 s, so it is re-signed at most once a second
 * per principal (the same trade our gateway makes).
 */
export function createHiveGateway(options: HiveGatewayOptions): GatewayRuntime {
  const principals = options.principals ?? defaultPrincipals;
  const signed = new Map<string, { value: string; at: number }>();
  const headerFor = (role: string, subject: string | null): string | null => {
    const now = Date.now();
    const id = `${role}\u0000${subject ?? ''}`;
    const cached = signed.get(id);
    if (cached && now - cached.at < 1000) return cached.value;
    const base = principals[role] ?? (isRole(role) && role !== 'DEPARTMENT_STAFF' ? { subject: `bench-${role.toLowerCase()}`, role } : null);
    if (!base) return null;
    const value = signPrincipal(subject ? { ...base, subject } : base, options.signingKey, now);
    if (signed.size > 10_000) signed.clear();
    signed.set(id, { value, at: now });
    return value;
  };
  return createGatewayRuntime({
    supergraph: fs.readFileSync(options.supergraphPath, 'utf8'),
    unifiedGraphHandler,
    transportEntries: Object.fromEntries(Object.entries(options.subgraphUrls).map(([name, location]) => [name, { location }])),
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ [PRINCIPAL_HEADER]: headerFor(request.headers.get(BENCH_ROLE_HEADER) ?? 'COUNTY_ADMIN', request.headers.get(BENCH_SUBJECT_HEADER)) }),
    },
    logging: options.logging ? 'debug' : false,
    graphiql: false,
    landingPage: false,
  });
}

/** One person's dossier over the six departments: what the benchmark and test/hiveGateway.test.ts ask both gateways. */
export const DOSSIER_QUERY = `query Dossier($id: String!) { person(idNumber: $id) { id name idNumberMasked sex birthDate township { code name } departments
  hrss { certificates { certificateNumber kind level issuedOn evaluationInstitution } trainings { programme enterprise startDate } }
  education { certificates { certificateNumber kind level school } trainings { programme school major } }
  agriculture { certificates { certificateNumber kind } trainings { programme cooperative industry } }
  veterans { certificates { certificateNumber kind level } trainings { programme dischargeYear } }
  civilAffairs { certificates { certificateNumber kind } trainings { programme institution } }
  finance { certificates { certificateNumber kind employer } trainings { programme employer } } } }`;
