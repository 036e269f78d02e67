/**
 * What the resolvers of these types receive as their parent: the stored row, not the GraphQL shape.
 * `npm run codegen` maps each GraphQL type `X` to the `XMapper` exported here (scripts/codegen.ts).
 */
import type { Connection } from '@hub/subgraph-kit';
import type { EmploymentClaimRow, EvaluationClaimRow } from '../repositories/ClaimRepository';
import type { FundEntryRow, FundTotalRow } from '../repositories/FundLedgerRepository';
import type { SubsidyRuleRow } from '../repositories/SubsidyRuleRepository';

export type FinanceEmploymentSubsidyClaimMapper = EmploymentClaimRow;
export type FinanceEvaluationSubsidyClaimMapper = EvaluationClaimRow;
export type FinanceFundEntryMapper = FundEntryRow;
export type FinanceFundTotalMapper = FundTotalRow;
export type FinanceSubsidyRuleMapper = SubsidyRuleRow;
/** A person is named by its id; the kit's department resolvers fill its fields. */
export type PersonMapper = { id: string };
/** Lists count their total only when asked (Connection.totalCount is a function graphql-js calls). */
export type FinanceFundEntryConnectionMapper = Connection<FundEntryRow>;
export type FinanceEvaluationSubsidyClaimConnectionMapper = Connection<EvaluationClaimRow>;
export type FinanceEmploymentSubsidyClaimConnectionMapper = Connection<EmploymentClaimRow>;
