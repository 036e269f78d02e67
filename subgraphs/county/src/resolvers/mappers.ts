/**
 * What the resolvers of these types receive as their parent: the stored row or service value, not the GraphQL shape.
 * `npm run codegen` maps each GraphQL type `X` to the `XMapper` exported here (scripts/codegen.ts).
 */
import type { Connection } from '@hub/subgraph-kit';
import type { Department } from '@hub/vocabulary';
import type { CertificateCheck } from '../certificates/CertificateCheckService';
import type { ProgressLedger } from '../ledger/ProgressLedgerService';
import type { AnnualTargetRow } from '../ledger/AnnualTargetRepository';
import type { AuditRow } from '../repositories/AuditRepository';
import type { HoldingRow } from '../repositories/HoldingRepository';

export type AnnualTargetMapper = AnnualTargetRow;
export type CertificateCheckMapper = CertificateCheck;
/** A person is resolved field by field from its id (the master record is loaded per field, through a loader). */
export type PersonMapper = { id: string };
/** Only the date is decided by Query.countyProgress; each figure field computes from it. */
export type CountyProgressMapper = { asOf: string };
/** What Query.dataQuality resolved: the one department the lists are narrowed to (none: all), and the departments counted. */
export interface DataQualityScope {
  department: Department | undefined;
  scope: readonly Department[];
}
export type DataQualityMapper = DataQualityScope;
export type IndexedCertificateMapper = HoldingRow;
/** The ledger as built; its completeness is a field resolver of its own. */
export type ProgressLedgerMapper = ProgressLedger;
/** Lists count their total only when asked (Connection.totalCount is a function graphql-js calls). */
export type PersonConnectionMapper = Connection<PersonMapper>;
export type AuditEntryConnectionMapper = Connection<AuditRow & { person: PersonMapper }>;
