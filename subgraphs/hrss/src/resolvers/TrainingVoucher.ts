import { occupationByCode } from '@hub/vocabulary';
import type { HrssContext } from '../HrssContext';
import type { VoucherRow } from '../programmes/repositories/VoucherRepository';
import { voucherNoOf } from '../programmes/vouchers/voucherRules';

/** TrainingVoucher fields; events through a per-request loader. */
export const TrainingVoucher = {
  id: (v: VoucherRow) => String(v.id),
  voucherNo: (v: VoucherRow) => voucherNoOf(v.id),
  person: (v: VoucherRow) => ({ id: v.personId }),
  occupation: (v: VoucherRow) => occupationByCode(v.occupationCode) ?? { code: v.occupationCode, name: v.occupationCode },
  // The county service fills in the rest of the certificate (IndexedCertificate is its entity).
  certificate: (v: VoucherRow) =>
    v.certificateDepartment && v.certificateId ? { department: v.certificateDepartment, certificateId: v.certificateId } : null,
  events: (v: VoucherRow, _: unknown, ctx: HrssContext) => ctx.programmeLoaders.voucherEvents.load(v.id),
};
