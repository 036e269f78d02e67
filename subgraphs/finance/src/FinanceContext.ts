import type { SubgraphContext } from '@hub/subgraph-kit';
import type { ClaimRepository } from './repositories/ClaimRepository';
import type { FundLedgerRepository } from './repositories/FundLedgerRepository';
import type { SubsidyRuleRepository } from './repositories/SubsidyRuleRepository';
import type { EmploymentSubsidyService } from './subsidies/EmploymentSubsidyService';
import type { EvaluationSubsidyService } from './subsidies/EvaluationSubsidyService';
import type { FundService } from './subsidies/FundService';
import type { SubsidyRuleService } from './subsidies/SubsidyRuleService';

/** The kit's context plus finance's subsidy ledger. */
export interface FinanceContext extends SubgraphContext {
  rules: SubsidyRuleService;
  ruleRepository: SubsidyRuleRepository;
  evaluationSubsidies: EvaluationSubsidyService;
  employmentSubsidies: EmploymentSubsidyService;
  funds: FundService;
  fundLedger: FundLedgerRepository;
  claims: ClaimRepository;
}
