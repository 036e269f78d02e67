import type { EntityManager } from 'typeorm';
import { CoreRepository, InputError, isUniqueViolation } from '@hub/subgraph-kit';
import type { FundEntryRow, FundLedgerRepository } from '../repositories/FundLedgerRepository';
import { fenText, programmeLabels, SubsidyProgramme } from './subsidyRules';

/**
 * Before an entry's transaction: the programme-year's running sums exist, created at zero in their own short
 * transaction so that concurrent first payments do not deadlock on MySQL's insert-intention locks.
 */
export async function ensureFundBalance(
  core: CoreRepository,
  funds: FundLedgerRepository,
  programme: SubsidyProgramme,
  year: number,
): Promise<void> {
  try {
    await core.transaction((manager) => funds.ensureBalance(manager, programme, year));
  } catch (error) {
    // Another entry created it at the same moment: that is all we wanted.
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * In a payment's transaction: the OUT entry, or FUND_EXHAUSTED when the programme-year's allocation does not
 * cover it (the caller's transaction then rolls back, so nothing of the claim is written). `field` names the
 * input that set the year (the evaluation or hire date).
 */
export async function payFromFund(
  manager: EntityManager,
  funds: FundLedgerRepository,
  entry: Omit<FundEntryRow, 'id' | 'at' | 'direction'>,
  field: string,
): Promise<void> {
  if (await funds.append(manager, { ...entry, direction: 'OUT' })) return;
  // Read through the transaction's own connection: a second pooled one could wait on a lock it holds.
  const { inFen, outFen } = await funds.balance(entry.programme, entry.year, manager);
  throw new InputError(
    'FUND_EXHAUSTED',
    field,
    `${programmeLabels[entry.programme]} ${entry.year} 年度资金不足：已拨付 ${fenText(inFen)}，已支出 ${fenText(outFen)}，余额 ${fenText(inFen - outFen)}，本次应付 ${fenText(entry.amountFen)}；请先登记资金拨付（recordFundAllocation）后再申领`,
  );
}
