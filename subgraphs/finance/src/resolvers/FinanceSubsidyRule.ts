import type { SubsidyRuleRow } from '../repositories/SubsidyRuleRepository';

export const FinanceSubsidyRule = {
  id: (r: SubsidyRuleRow) => String(r.id),
  key: (r: SubsidyRuleRow) => r.ruleKey,
};
