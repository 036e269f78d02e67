import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER, signPrincipal } from '@hub/auth';
import { serviceBaseUrl } from '@hub/runtime';
import type { CertificateKind, CertificateStatus, Department, SkillLevel } from '@hub/vocabulary';

/** A certificate of the county holder index, as hrss answers `holdingsOf`. */
export interface IndexedCertificate {
  department: Department;
  certificateId: string;
  kind: CertificateKind;
  level: SkillLevel | null;
  occupation: { code: string } | null;
  issuedOn: string;
  validUntil: string | null;
  /** A withdrawn certificate (REVOKED/CANCELLED) with revokedOn null counts on no date. */
  status: CertificateStatus;
  revokedOn: string | null;
}

const HOLDINGS = 'department certificateId kind level occupation { code } issuedOn validUntil status revokedOn';

function unavailable(detail: string): GraphQLError {
  return new GraphQLError(`人社局服务暂不可用，无法核验评价机构目录和持证记录，请稍后重试（${detail}）`, {
    extensions: { code: 'DEPARTMENT_UNAVAILABLE', department: 'HRSS', reason: 'HRSS_UNAVAILABLE' },
  });
}

/**
 * finance's calls to hrss's GraphQL endpoint, signed as the service role like the gateway signs
 * its calls: the catalogue and the holder index stay in hrss's database, and finance only asks.
 */
export class HrssClient {
  constructor(
    private readonly signingKey: Buffer,
    private readonly env: NodeJS.ProcessEnv,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Whether the institution was on the catalogue on the date, and the person's certificates. */
  async evaluationFacts(institutionCode: string, date: string, personId: string): Promise<{ onCatalogue: boolean; holdings: IndexedCertificate[] }> {
    const data = await this.query<{ evaluationInstitutionOnCatalogue: boolean; holdingsOf: IndexedCertificate[] }>(
      `query($code: String!, $date: Date!, $personId: ID!) {
        evaluationInstitutionOnCatalogue(code: $code, date: $date)
        holdingsOf(personId: $personId) { ${HOLDINGS} } }`,
      { code: institutionCode, date, personId },
    );
    return { onCatalogue: data.evaluationInstitutionOnCatalogue, holdings: data.holdingsOf };
  }

  async holdingsOf(personId: string): Promise<IndexedCertificate[]> {
    return (await this.query<{ holdingsOf: IndexedCertificate[] }>(`query($personId: ID!) { holdingsOf(personId: $personId) { ${HOLDINGS} } }`, { personId })).holdingsOf;
  }

  private async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    // Read at call time: hrss's address may be set after finance was built (tests, docker compose).
    const url = `${serviceBaseUrl('hrss', this.env)}/graphql`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [PRINCIPAL_HEADER]: signPrincipal({ subject: 'finance-subsidies', role: 'SERVICE' }, this.signingKey),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw unavailable(error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw unavailable(`HTTP ${response.status}`);
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length || !body.data) throw unavailable(body.errors?.map((e) => e.message).join('; ') ?? 'empty answer');
    return body.data;
  }
}
