import type { SubsidyRuleRow } from '../repositories/SubsidyRuleRepository';
import type { FinanceSubsidyRuleKey } from '../generated/resolvers';

export const FinanceSubsidyRule = {
  id: (r: SubsidyRuleRow) => String(r.id),
  // setSubsidyRule stores only the keys the enum names.
  key: (r: SubsidyRuleRow) => r.ruleKey as FinanceSubsidyRuleKey,
};
