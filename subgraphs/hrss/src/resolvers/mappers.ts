/**
 * What the resolvers of these types receive as their parent: the stored row or service value, not the GraphQL shape.
 * `npm run codegen` maps each GraphQL type `X` to the `XMapper` exported here (scripts/codegen.ts).
 */
import type { Connection, TrainingRecord } from '@hub/subgraph-kit';
import type { InstitutionAsOf } from '../programmes/catalogue/CatalogueService';
import type { InstitutionEventRow } from '../programmes/repositories/CatalogueRepository';
import type { CompetitionEntryRow, CompetitionRow } from '../programmes/repositories/CompetitionRepository';
import type { EnterpriseRow } from '../programmes/repositories/RegisterRepository';
import type { VoucherRow } from '../programmes/repositories/VoucherRepository';
import type { InstitutionOutput, SelectedInstitution } from '../programmes/registers/TrainingInstitutionService';

export type CompetitionMapper = CompetitionRow;
export type CompetitionContestantMapper = CompetitionEntryRow;
export type EnterpriseMapper = EnterpriseRow;
export type EvaluationInstitutionMapper = InstitutionAsOf;
export type InstitutionEventMapper = InstitutionEventRow;
export type TrainingVoucherMapper = VoucherRow;
/** hrss's training row: the core columns plus its own, apprenticeship stored as 0/1. */
export type HrssTrainingMapper = TrainingRecord & { apprenticeship: number | null };
/** A person is named by its id; the kit's department resolvers fill its fields. */
export type PersonMapper = { id: string };
/** A certificate named by department and id; the county service resolves it (resolvable: false here). */
export type IndexedCertificateMapper = { department: string; certificateId: string };
/** Lists count their total only when asked (Connection.totalCount is a function graphql-js calls). */
export type TrainingVoucherConnectionMapper = Connection<VoucherRow>;
/** A selected institution; a list brings its output along, a just-selected one asks the county service for it. */
export type TrainingInstitutionMapper = SelectedInstitution & { output?: InstitutionOutput };
