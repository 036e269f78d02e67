import { FinanceEmploymentSubsidyClaim } from './FinanceEmploymentSubsidyClaim';
import { FinanceEvaluationSubsidyClaim } from './FinanceEvaluationSubsidyClaim';
import { FinanceFundEntry } from './FinanceFundEntry';
import { FinanceFundTotal } from './FinanceFundTotal';
import { FinanceSubsidyRule } from './FinanceSubsidyRule';
import { claimEvaluationSubsidy } from './Mutation/claimEvaluationSubsidy';
import { claimHiringSubsidy } from './Mutation/claimHiringSubsidy';
import { claimReferralSubsidy } from './Mutation/claimReferralSubsidy';
import { recordFundAllocation } from './Mutation/recordFundAllocation';
import { setSubsidyRule } from './Mutation/setSubsidyRule';
import { financeEmployerHiringTotal } from './Query/financeEmployerHiringTotal';
import { financeEmploymentSubsidyClaims } from './Query/financeEmploymentSubsidyClaims';
import { financeEvaluationSubsidyClaims } from './Query/financeEvaluationSubsidyClaims';
import { financeFundEntries } from './Query/financeFundEntries';
import { financeFundTotals } from './Query/financeFundTotals';
import { financeSubsidyRules } from './Query/financeSubsidyRules';
import type { Resolvers } from '../generated/resolvers';

/** finance's own resolvers (the subsidy ledger), merged over the kit's department resolvers. */
export const resolvers: Resolvers = {
  Query: {
    financeSubsidyRules,
    financeFundTotals,
    financeFundEntries,
    financeEvaluationSubsidyClaims,
    financeEmploymentSubsidyClaims,
    financeEmployerHiringTotal,
  },
  Mutation: { setSubsidyRule, claimEvaluationSubsidy, claimHiringSubsidy, claimReferralSubsidy, recordFundAllocation },
  FinanceSubsidyRule,
  FinanceFundEntry,
  FinanceFundTotal,
  FinanceEvaluationSubsidyClaim,
  FinanceEmploymentSubsidyClaim,
};
