import { catalogueTables } from './catalogueTables';
import { competitionTables } from './competitionTables';
import { voucherTables } from './voucherTables';

/** Every table of hrss's programmes (vouchers, catalogue, competitions). */
export const programmeTables = [...voucherTables, ...catalogueTables, ...competitionTables];
