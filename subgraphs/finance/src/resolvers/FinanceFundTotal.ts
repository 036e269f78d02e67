import type { FundTotalRow } from '../repositories/FundLedgerRepository';

export const FinanceFundTotal = {
  balanceFen: (t: FundTotalRow) => t.inFen - t.outFen,
};
