import { catalogueTables } from './catalogueTables';
import { competitionTables } from './competitionTables';
import { ledgerTables } from './ledgerTables';
import { voucherTables } from './voucherTables';

/** Every table of hrss's programmes (vouchers, catalogue, competitions, progress ledger). */
export const programmeTables = [...voucherTables, ...catalogueTables, ...competitionTables, ...ledgerTables];
