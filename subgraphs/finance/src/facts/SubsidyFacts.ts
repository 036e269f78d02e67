import { CountyHoldings, IndexedHolding, ServiceClient } from '@hub/subgraph-kit';
import type { EnterpriseSizeClass } from '@hub/vocabulary';

/** An employer as hrss's enterprise register knows it. */
export interface RegisteredEnterprise {
  creditCode: string;
  name: string;
  sizeClass: EnterpriseSizeClass;
}

/**
 * What finance checks a claim against, asked where it lives: the evaluation-institution catalogue and the enterprise
 * register of hrss, and the person's certificates in the county holder index (the county service). Both calls are signed as the service role.
 */
export class SubsidyFacts {
  private readonly hrss: ServiceClient;
  private readonly enterprises: ServiceClient;
  private readonly county: CountyHoldings;

  constructor(signingKey: Buffer, env: NodeJS.ProcessEnv) {
    this.hrss = new ServiceClient(
      { slug: 'hrss', label: '人社局', code: 'HRSS', consequence: '无法核验评价机构目录' },
      'finance-subsidies',
      signingKey,
      env,
    );
    this.enterprises = new ServiceClient(
      { slug: 'hrss', label: '人社局', code: 'HRSS', consequence: '无法核验企业名录（企业规模）' },
      'finance-subsidies',
      signingKey,
      env,
    );
    this.county = new CountyHoldings('finance-subsidies', signingKey, env);
  }

  /** Whether the institution was on the catalogue on the date, and the person's certificates. */
  async evaluationFacts(
    institutionCode: string,
    date: string,
    personId: string,
  ): Promise<{ onCatalogue: boolean; holdings: IndexedHolding[] }> {
    const [catalogue, holdings] = await Promise.all([
      this.hrss.query<{ evaluationInstitutionOnCatalogue: boolean }>(
        `query($code: String!, $date: Date!) { evaluationInstitutionOnCatalogue(code: $code, date: $date) }`,
        { code: institutionCode, date },
      ),
      this.county.ofPerson(personId),
    ]);
    return { onCatalogue: catalogue.evaluationInstitutionOnCatalogue, holdings };
  }

  /** The enterprise under this canonical credit code on hrss's register, or null when it is not registered. */
  async enterprise(creditCode: string): Promise<RegisteredEnterprise | null> {
    const answer = await this.enterprises.query<{ enterprise: RegisteredEnterprise | null }>(
      `query($c: String!) { enterprise(creditCode: $c) { creditCode name sizeClass } }`,
      { c: creditCode },
    );
    return answer.enterprise;
  }

  holdingsOf(personId: string): Promise<IndexedHolding[]> {
    return this.county.ofPerson(personId);
  }
}
