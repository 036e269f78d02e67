import {
  CoreRepository,
  CountyHoldings,
  IdentityService,
  IndexedHolding,
  InputError,
  notFound,
  occupationCodeOf,
  personIdOf,
  PersonInput,
  preparePerson,
  requiredText,
} from '@hub/subgraph-kit';
import { countsOn } from '@hub/vocabulary';
import type { Actor } from '@hub/auth';
import { pastOrToday } from '../calendar';
import type { CatalogueService } from '../catalogue/CatalogueService';
import { isUniqueViolation, retryOnLockConflict } from '@hub/subgraph-kit';
import { registerPerson } from '../repositories/registerPerson';
import type { VoucherChanges, VoucherRepository, VoucherRow, VoucherState, VoucherStep } from '../repositories/VoucherRepository';
import { certificateRefText, checkCertificate, demandSamePerson, outOfOrder, rank, voucherIdOf, voucherNoOf } from './voucherRules';

export interface IssueVoucherInput extends PersonInput {
  occupation: string;
  faceValueFen: number;
  issuedOn?: string | null;
}

export interface CertificateRef {
  department: string;
  certificateId: string;
}

/** What a step checked and wants written. */
interface Move {
  changes: VoucherChanges;
  details: Record<string, unknown>;
  step?: VoucherStep;
}

/**
 * 职业技能电子培训券 the voucher loop 发券 → 登记 → 培训 → 评价 → 持证 → 兑现 as a state machine.
 * Every move is one conditional UPDATE (state and version must still be what was read) plus an event
 * row, in one transaction: of concurrent moves exactly one wins. Repeating a step that already
 * happened returns the voucher unchanged; redemption, which pays money, is refused instead.
 */
export class VoucherService {
  constructor(
    private readonly vouchers: VoucherRepository,
    private readonly holdings: CountyHoldings,
    private readonly catalogue: CatalogueService,
    private readonly core: CoreRepository,
    private readonly identity: IdentityService,
  ) {}

  async byNo(voucherNo: string): Promise<VoucherRow> {
    const voucher = await this.vouchers.byId(voucherIdOf(voucherNo));
    if (!voucher) throw notFound(`培训券 ${voucherNo} 不存在`);
    return voucher;
  }

  /** 发券: to a person by ID number, for an occupation; one open voucher per person and occupation. */
  async issue(input: IssueVoucherInput, actor: Actor): Promise<VoucherRow> {
    const person = preparePerson(this.identity, input);
    const occupationCode = occupationCodeOf(input.occupation);
    if (!Number.isInteger(input.faceValueFen) || input.faceValueFen <= 0) {
      throw new InputError('BAD_AMOUNT', 'faceValueFen', `券面金额须为正整数（单位：分），收到 ${input.faceValueFen}`);
    }
    const issuedOn = pastOrToday('issuedOn', input.issuedOn, '发券日期');
    const openKey = `${person.personId}:${occupationCode}`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const open = await this.vouchers.byOpenKey(openKey);
      if (open) return open;
      try {
        const id = await retryOnLockConflict(() =>
          this.core.transaction(async (manager) => {
            await registerPerson(manager, this.core, person);
            const now = new Date().toISOString();
            const voucherId = await this.vouchers.insert(manager, {
              personId: person.personId,
              occupationCode,
              faceValueFen: input.faceValueFen,
              issuedOn,
              state: 'ISSUED',
              version: 1,
              openKey,
              trainingId: null,
              trainingProvider: null,
              trainingProgramme: null,
              trainingStartDate: null,
              trainedOn: null,
              evaluationInstitutionCode: null,
              evaluatedOn: null,
              certificateDepartment: null,
              certificateId: null,
              certificateIssuedOn: null,
              certifiedOn: null,
              redeemedOn: null,
              redeemedFen: null,
              createdAt: now,
              updatedAt: now,
            });
            await this.vouchers.appendEvent(manager, {
              voucherId,
              step: 'ISSUE',
              fromState: null,
              toState: 'ISSUED',
              at: now,
              actor: actor.subject,
              actorRole: actor.role,
              details: JSON.stringify({ occupationCode, faceValueFen: input.faceValueFen, issuedOn }),
            });
            return voucherId;
          }),
        );
        return (await this.vouchers.byId(id))!;
      } catch (error) {
        // Someone issued the same voucher (or registered the same person) at this moment: read theirs.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new InputError('CONCURRENT_UPDATE', 'idNumber', '同一人员同一职业的培训券正在被同时发放，请稍后重试');
  }

  /** 登记: a training institution registers the voucher against the person's training recorded by hrss. */
  register(voucherNo: string, args: { idNumber: string; programme: string; startDate: string }, actor: Actor): Promise<VoucherRow> {
    const personId = personIdOf(this.identity, args.idNumber);
    const programme = requiredText('programme', args.programme, '培训项目', 128);
    return this.move(voucherNo, 'REGISTERED', actor, personId, async (voucher) => {
      const training = await this.core.trainingByKey(voucher.personId, programme, args.startDate);
      if (!training) {
        throw new InputError(
          'TRAINING_NOT_FOUND',
          'programme',
          `人社局没有该持券人“${programme}”（${args.startDate} 开班）的培训记录，请培训机构先登记培训`,
        );
      }
      if (training.occupationCode !== voucher.occupationCode) {
        throw new InputError(
          'TRAINING_OCCUPATION_MISMATCH',
          'programme',
          `培训的职业(工种) ${training.occupationCode ?? '未登记'} 与培训券的职业(工种) ${voucher.occupationCode} 不一致`,
        );
      }
      if (training.startDate < voucher.issuedOn) {
        throw new InputError(
          'TRAINING_BEFORE_VOUCHER',
          'startDate',
          `培训开班日期 ${training.startDate} 早于发券日期 ${voucher.issuedOn}，培训券只能用于发券后的培训`,
        );
      }
      if (training.outcome === 'DROPPED')
        throw new InputError('TRAINING_DROPPED', 'programme', '该培训记录为未结业（中途退出），不能登记培训券');
      return {
        changes: {
          trainingId: training.id,
          trainingProvider: training.provider,
          trainingProgramme: training.programme,
          trainingStartDate: training.startDate,
        },
        details: { trainingId: training.id, provider: training.provider, programme: training.programme, startDate: training.startDate },
      };
    });
  }

  /** 培训: the registered training has been completed (as hrss's training record says). */
  completeTraining(voucherNo: string, actor: Actor): Promise<VoucherRow> {
    return this.move(voucherNo, 'TRAINED', actor, null, async (voucher) => {
      const training = await this.core.trainingByKey(voucher.personId, voucher.trainingProgramme!, voucher.trainingStartDate!);
      if (!training) throw new InputError('TRAINING_NOT_FOUND', 'voucherNo', '登记的培训记录已不存在，请核对人社局培训记录');
      if (training.outcome !== 'COMPLETED' || !training.endDate) {
        throw new InputError(
          'TRAINING_NOT_COMPLETED',
          'voucherNo',
          `培训“${training.programme}”尚未结业（当前：${training.outcome}），须先在培训记录中登记结业及结业日期`,
        );
      }
      return {
        changes: { trainedOn: training.endDate },
        details: { trainingId: training.id, endDate: training.endDate, hours: training.hours },
      };
    });
  }

  /** 评价: an institution on the catalogue on the evaluation date evaluated the person; a failed evaluation is recorded and the voucher waits for a retake. */
  evaluate(voucherNo: string, args: { institutionCode: string; evaluatedOn: string; passed: boolean }, actor: Actor): Promise<VoucherRow> {
    const evaluatedOn = pastOrToday('evaluatedOn', args.evaluatedOn, '评价日期');
    const code = args.institutionCode.trim().toUpperCase();
    return this.move(voucherNo, 'EVALUATED', actor, null, async (voucher) => {
      if (voucher.trainedOn && evaluatedOn < voucher.trainedOn) {
        throw new InputError('EVALUATION_BEFORE_TRAINING', 'evaluatedOn', `评价日期 ${evaluatedOn} 早于培训结业日期 ${voucher.trainedOn}`);
      }
      if (!(await this.catalogue.onCatalogue(code, evaluatedOn))) {
        throw new InputError(
          'INSTITUTION_NOT_ON_CATALOGUE',
          'institutionCode',
          `评价机构 ${code} 在 ${evaluatedOn} 不在全县职业技能评价目录清单内（未纳入、已暂停或已退出）`,
        );
      }
      const details = { institutionCode: code, evaluatedOn, passed: args.passed };
      if (!args.passed) return { changes: {}, details, step: 'EVALUATION_FAILED' };
      return { changes: { evaluationInstitutionCode: code, evaluatedOn }, details };
    });
  }

  /** 持证: links the certificate the evaluation produced (named, or the first matching one in the index), as of a date (default today). */
  certify(
    voucherNo: string,
    ref: CertificateRef | null | undefined,
    certifiedOnArg: string | null | undefined,
    actor: Actor,
  ): Promise<VoucherRow> {
    const certifiedOn = pastOrToday('certifiedOn', certifiedOnArg, '持证核验日期');
    return this.move(voucherNo, 'CERTIFIED', actor, null, async (voucher) => {
      if (voucher.evaluatedOn && certifiedOn < voucher.evaluatedOn) {
        throw new InputError(
          'CERTIFICATION_BEFORE_EVALUATION',
          'certifiedOn',
          `持证核验日期 ${certifiedOn} 早于评价日期 ${voucher.evaluatedOn}`,
        );
      }
      let certificate: IndexedHolding;
      if (ref) {
        const text = certificateRefText(ref.department, ref.certificateId);
        certificate = checkCertificate(voucher, await this.holdings.byRef(ref.department, ref.certificateId), certifiedOn, text);
      } else {
        const match = (await this.holdings.ofPerson(voucher.personId)).find(
          (h) => h.occupationCode === voucher.occupationCode && h.issuedOn >= voucher.issuedOn && countsOn(h, certifiedOn),
        );
        if (!match) {
          throw new InputError(
            'NO_CERTIFICATE',
            'certificate',
            `全县持证索引中没有持券人职业(工种) ${voucher.occupationCode}、${voucher.issuedOn} 以后取得且在 ${certifiedOn} 有效的证书（无证无价）`,
          );
        }
        certificate = match;
      }
      return {
        changes: {
          certificateDepartment: certificate.department,
          certificateId: certificate.certificateId,
          certificateIssuedOn: certificate.issuedOn,
          certifiedOn,
        },
        details: {
          department: certificate.department,
          certificateId: certificate.certificateId,
          kind: certificate.kind,
          level: certificate.levelNumber,
          issuedOn: certificate.issuedOn,
        },
      };
    });
  }

  /** 兑现: only the voucher's person, only with the linked certificate still counting on the redemption date; once. */
  redeem(voucherNo: string, args: { idNumber: string; redeemedOn?: string | null }, actor: Actor): Promise<VoucherRow> {
    const personId = personIdOf(this.identity, args.idNumber);
    const redeemedOn = pastOrToday('redeemedOn', args.redeemedOn, '兑现日期');
    return this.move(voucherNo, 'REDEEMED', actor, personId, async (voucher) => {
      if (voucher.certifiedOn && redeemedOn < voucher.certifiedOn) {
        throw new InputError(
          'REDEMPTION_BEFORE_CERTIFICATION',
          'redeemedOn',
          `兑现日期 ${redeemedOn} 早于持证核验日期 ${voucher.certifiedOn}`,
        );
      }
      const text = certificateRefText(voucher.certificateDepartment!, voucher.certificateId!);
      const certificate = checkCertificate(
        voucher,
        await this.holdings.byRef(voucher.certificateDepartment!, voucher.certificateId!),
        redeemedOn,
        text,
      );
      return {
        changes: { redeemedOn, redeemedFen: voucher.faceValueFen, openKey: null },
        details: {
          redeemedOn,
          amountFen: voucher.faceValueFen,
          paidTo: voucher.trainingProvider,
          certificate: text,
          certificateIssuedOn: certificate.issuedOn,
        },
      };
    });
  }

  /**
   * One move of the state machine. `personId` (register and redeem) must be the voucher's person.
   * The voucher is read, checked, then moved by a conditional UPDATE on the state and version read.
   */
  private async move(
    voucherNo: string,
    target: VoucherState,
    actor: Actor,
    personId: string | null,
    check: (voucher: VoucherRow) => Promise<Move>,
  ): Promise<VoucherRow> {
    const voucher = await this.byNo(voucherNo);
    if (personId !== null) demandSamePerson(voucher, personId);
    if (rank(voucher.state) >= rank(target)) return this.alreadyDone(voucher, target);
    if (rank(voucher.state) !== rank(target) - 1) throw outOfOrder(voucher, target);
    const move = await check(voucher);
    const to = move.step === 'EVALUATION_FAILED' ? voucher.state : target;
    const step = move.step ?? stepOf[target];
    const moved = await retryOnLockConflict(() =>
      this.core.transaction(async (manager) => {
        if (!(await this.vouchers.transition(manager, voucher.id, voucher.state, voucher.version, to, move.changes))) return false;
        await this.vouchers.appendEvent(manager, {
          voucherId: voucher.id,
          step,
          fromState: voucher.state,
          toState: to,
          at: new Date().toISOString(),
          actor: actor.subject,
          actorRole: actor.role,
          details: JSON.stringify(move.details),
        });
        return true;
      }),
    );
    const after = (await this.vouchers.byId(voucher.id))!;
    if (moved) return after;
    // Someone else moved it between our read and our update.
    if (rank(after.state) >= rank(target)) return this.alreadyDone(after, target);
    throw new InputError('CONCURRENT_UPDATE', 'voucherNo', `培训券 ${voucherNo} 刚被其他操作修改（当前状态 ${after.state}），请刷新后重试`);
  }

  /** Repeating a step returns the voucher unchanged, except a second redemption, which is refused. */
  private alreadyDone(voucher: VoucherRow, target: VoucherState): VoucherRow {
    if (target === 'REDEEMED') {
      throw new InputError(
        'ALREADY_REDEEMED',
        'voucherNo',
        `培训券 ${voucherNoOf(voucher.id)} 已于 ${voucher.redeemedOn} 兑现 ${(voucher.redeemedFen ?? 0) / 100} 元，不能重复兑现`,
      );
    }
    return voucher;
  }
}

const stepOf: Record<VoucherState, VoucherStep> = {
  ISSUED: 'ISSUE',
  REGISTERED: 'REGISTER',
  TRAINED: 'TRAIN',
  EVALUATED: 'EVALUATE',
  CERTIFIED: 'CERTIFY',
  REDEEMED: 'REDEEM',
};
