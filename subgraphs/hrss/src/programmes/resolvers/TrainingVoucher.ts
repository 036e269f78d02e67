import { occupationByCode } from '@hub/vocabulary';
import type { HrssContext } from '../../HrssContext';
import type { VoucherRow } from '../repositories/VoucherRepository';
import { voucherNoOf } from '../vouchers/voucherRules';

/** TrainingVoucher fields; events and the certificate through per-request loaders. */
export const TrainingVoucher = {
  id: (v: VoucherRow) => String(v.id),
  voucherNo: (v: VoucherRow) => voucherNoOf(v.id),
  person: (v: VoucherRow) => ({ id: v.personId }),
  occupation: (v: VoucherRow) => occupationByCode(v.occupationCode) ?? { code: v.occupationCode, name: v.occupationCode },
  certificate: (v: VoucherRow, _: unknown, ctx: HrssContext) =>
    v.certificateDepartment && v.certificateId ? ctx.programmeLoaders.holdingByRef.load(`${v.certificateDepartment}/${v.certificateId}`) : null,
  events: (v: VoucherRow, _: unknown, ctx: HrssContext) => ctx.programmeLoaders.voucherEvents.load(v.id),
};
