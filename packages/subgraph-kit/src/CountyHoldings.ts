import { levelNumber } from '@hub/vocabulary';
import type { CertificateGrade, CertificateKind, CertificateStatus, Department, SkillLevel } from '@hub/vocabulary';
import type { InstitutionOutput } from './institutionOutput';
import { ServiceClient } from './ServiceClient';

/** One certificate as the county holder index knows it (any department's), as the county service answers. */
export interface IndexedHolding {
  department: Department;
  certificateId: string;
  personId: string;
  kind: CertificateKind;
  level: SkillLevel | null;
  /** 1 (一级) … 5 (五级); null for unlevelled kinds. */
  levelNumber: number | null;
  occupationCode: string | null;
  issuedOn: string;
  validUntil: string | null;
  /** A withdrawn certificate (REVOKED/CANCELLED) with revokedOn null counts on no date (countsOn). */
  status: CertificateStatus;
  revokedOn: string | null;
  grade: CertificateGrade | null;
}

interface Answered {
  department: Department;
  certificateId: string;
  personId: string;
  kind: CertificateKind;
  level: SkillLevel | null;
  occupation: { code: string } | null;
  issuedOn: string;
  validUntil: string | null;
  status: CertificateStatus;
  revokedOn: string | null;
  grade: { code: CertificateGrade } | null;
}

const FIELDS = 'department certificateId personId kind level occupation { code } issuedOn validUntil status revokedOn grade { code }';

function toHolding(a: Answered): IndexedHolding {
  return {
    department: a.department,
    certificateId: a.certificateId,
    personId: a.personId,
    kind: a.kind,
    level: a.level,
    levelNumber: a.level ? levelNumber(a.level) : null,
    occupationCode: a.occupation?.code ?? null,
    issuedOn: a.issuedOn,
    validUntil: a.validUntil,
    status: a.status,
    revokedOn: a.revokedOn,
    grade: a.grade?.code ?? null,
  };
}

/**
 * A department service's questions to the county holder index (the county service's database, not the caller's):
 * a person's certificates, or certificates named by department and id. Signed as the service role, per call.
 */
export class CountyHoldings {
  private readonly client: ServiceClient;

  /** `subject`: who asks, e.g. `hrss-vouchers`, as the county service sees it. */
  constructor(subject: string, signingKey: Buffer, env: NodeJS.ProcessEnv) {
    this.client = new ServiceClient(
      { slug: 'county', label: '县技能人才统计调度', code: 'COUNTY', consequence: '无法核验全县持证索引中的证书' },
      subject,
      signingKey,
      env,
    );
  }

  /** Every certificate of the person in the index, oldest first. */
  async ofPerson(personId: string): Promise<IndexedHolding[]> {
    const data = await this.client.query<{ holdingsOf: Answered[] }>(
      `query($personId: ID!) { holdingsOf(personId: $personId) { ${FIELDS} } }`,
      { personId },
    );
    return data.holdingsOf.map(toHolding);
  }

  /** Certificates by (department, certificateId), in the order asked; null where the index has none. */
  async byRefs(refs: readonly { department: string; certificateId: string }[]): Promise<(IndexedHolding | null)[]> {
    if (!refs.length) return [];
    const data = await this.client.query<{ _entities: (Answered | null)[] }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on IndexedCertificate { ${FIELDS} } } }`,
      {
        representations: refs.map((r) => ({ __typename: 'IndexedCertificate', department: r.department, certificateId: r.certificateId })),
      },
    );
    return data._entities.map((a) => (a ? toHolding(a) : null));
  }

  async byRef(department: string, certificateId: string): Promise<IndexedHolding | null> {
    return (await this.byRefs([{ department, certificateId }]))[0];
  }

  /**
   * 培训成效 each institution's output in `year` over every department's trainings and certificates in the index, in
   * the order asked; an institution is the names it goes by (name, code, credit code), matched by institutionKey.
   */
  async institutionOutputs(institutions: readonly (readonly string[])[], year: number): Promise<InstitutionOutput[]> {
    if (!institutions.length) return [];
    const data = await this.client.query<{ trainingInstitutionOutputs: InstitutionOutput[] }>(
      `query($institutions: [[String!]!]!, $year: Int!) { trainingInstitutionOutputs(institutions: $institutions, year: $year) { trained completed certified passRate } }`,
      { institutions: institutions.map((names) => [...names]), year },
    );
    return data.trainingInstitutionOutputs;
  }
}
