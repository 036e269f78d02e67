import { IndexedHolding, InputError } from '@hub/subgraph-kit';
import { certificateStatusLabels, countsOn, withdrawnBy } from '@hub/vocabulary';
import { VoucherRow, VoucherState, voucherStates } from '../repositories/VoucherRepository';

/** 已撤销（2024-03-01 起）or 已注销（撤销日期未提供）: how a withdrawn certificate is named in a refusal. */
export function withdrawalText(h: Pick<IndexedHolding, 'status' | 'revokedOn'>): string {
  return `${certificateStatusLabels[h.status]}（${h.revokedOn ? `${h.revokedOn} 起` : '撤销日期未提供'}）`;
}

export const voucherStateLabels: Record<VoucherState, string> = {
  ISSUED: '已发券',
  REGISTERED: '已登记',
  TRAINED: '已培训',
  EVALUATED: '已评价',
  CERTIFIED: '已持证',
  REDEEMED: '已兑现',
};

/** What the step into each state is called, in the words of the plan's loop 发券—培训—评价—持证—兑现. */
export const stepLabels: Record<VoucherState, string> = {
  ISSUED: '发券',
  REGISTERED: '培训机构登记',
  TRAINED: '培训结业',
  EVALUATED: '评价',
  CERTIFIED: '持证核验',
  REDEEMED: '兑现',
};

/** Position in the loop: ISSUED 0 … REDEEMED 5. */
export const rank = (state: VoucherState): number => voucherStates.indexOf(state);

const PREFIX = 'PYV';

/** 券号 e.g. PYV00000042: the county prefix and the voucher's row id. */
export function voucherNoOf(id: number): string {
  return `${PREFIX}${String(id).padStart(8, '0')}`;
}

export function voucherIdOf(voucherNo: string): number {
  const match = /^PYV(\d{1,12})$/.exec(voucherNo.trim().toUpperCase());
  if (!match || Number(match[1]) < 1)
    throw new InputError('BAD_VOUCHER_NO', 'voucherNo', `培训券号“${voucherNo}”无效，应为 PYV 加 8 位数字，例如 PYV00000042`);
  return Number(match[1]);
}

/** A step asked for before the one it needs: names the state the voucher must reach first. */
export function outOfOrder(voucher: VoucherRow, target: VoucherState): InputError {
  const needed = voucherStates[rank(target) - 1];
  return new InputError(
    `VOUCHER_NOT_${needed}`,
    'voucherNo',
    `培训券 ${voucherNoOf(voucher.id)} 当前状态为“${voucherStateLabels[voucher.state]}”，须先完成“${stepLabels[needed]}”才能${stepLabels[target]}（闭环顺序：发券—登记—培训—评价—持证—兑现）`,
  );
}

/** 实名制、不得转让: the person named in a register or redeem call must be the voucher's person. */
export function demandSamePerson(voucher: VoucherRow, personId: string): void {
  if (personId !== voucher.personId) {
    throw new InputError(
      'NOT_TRANSFERABLE',
      'idNumber',
      `培训券 ${voucherNoOf(voucher.id)} 实名发放给他人，不得转让或代用（实名制、不得转让）`,
    );
  }
}

/**
 * 以证换券、无证无价: the certificate must be in the county holder index, be the voucher person's,
 * be for the voucher's occupation, be issued on or after the voucher, and count on `date`.
 */
export function checkCertificate(voucher: VoucherRow, certificate: IndexedHolding | null, date: string, ref: string): IndexedHolding {
  const no = voucherNoOf(voucher.id);
  if (!certificate) {
    throw new InputError(
      'NO_CERTIFICATE',
      'certificate',
      `全县持证索引中没有证书 ${ref}：证书须由发证部门登记并同步到持证索引后才能兑现（无证无价）`,
    );
  }
  if (certificate.personId !== voucher.personId) {
    throw new InputError('CERTIFICATE_OTHER_PERSON', 'certificate', `证书 ${ref} 不属于培训券 ${no} 的持券人（实名制，不得转让）`);
  }
  if (certificate.occupationCode !== voucher.occupationCode) {
    throw new InputError(
      'CERTIFICATE_OCCUPATION_MISMATCH',
      'certificate',
      `证书 ${ref} 的职业(工种) ${certificate.occupationCode ?? '未登记'} 与培训券 ${no} 的职业(工种) ${voucher.occupationCode} 不一致`,
    );
  }
  if (certificate.issuedOn < voucher.issuedOn) {
    throw new InputError(
      'CERTIFICATE_BEFORE_VOUCHER',
      'certificate',
      `证书 ${ref} 发证日期 ${certificate.issuedOn} 早于培训券发放日期 ${voucher.issuedOn}，不是本次培训所得`,
    );
  }
  if (!countsOn(certificate, date)) {
    const why = withdrawnBy(certificate, date)
      ? withdrawalText(certificate)
      : certificate.issuedOn > date
        ? `${date} 时尚未发证`
        : `已于 ${certificate.validUntil} 过期`;
    throw new InputError('CERTIFICATE_NOT_VALID', 'certificate', `证书 ${ref} 在 ${date} 无效（${why}），不能用于培训券 ${no}（无证无价）`);
  }
  return certificate;
}

export const certificateRefText = (department: string, certificateId: string) => `${department}/${certificateId}`;
