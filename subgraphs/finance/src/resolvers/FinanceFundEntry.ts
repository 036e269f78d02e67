import type { FundEntryRow } from '../repositories/FundLedgerRepository';

export const FinanceFundEntry = {
  id: (e: FundEntryRow) => String(e.id),
};
