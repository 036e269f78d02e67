import {
  demoCompetitions,
  demoContestants,
  demoEnterprises,
  demoEvaluationInstitutions,
  demoTrainingInstitutionSelections,
  demoVouchers,
} from '@hub/demo-data';
import { addDays, todayIso } from '@hub/subgraph-kit';
import type { Actor } from '@hub/auth';
import type { Programmes } from './createProgrammes';
import { voucherNoOf } from './vouchers/voucherRules';

/** Who the demo's programme records say recorded them. */
const DEMO_ACTOR: Actor = { subject: 'demo-data', role: 'COUNTY_ADMIN' };

export interface DemoProgrammeCounts {
  enterprises: number;
  evaluationInstitutions: number;
  trainingInstitutionSelections: number;
  competitions: number;
  contestants: number;
  vouchers: number;
}

/**
 * The demo county's hrss programmes and registers, written through the same services as real data after the demo
 * records (first start only). Vouchers go as far as hrss alone can take them (issued → registered → trained →
 * evaluated): certifying one needs the county holder index, which is not running yet on a first start.
 */
export async function seedDemoProgrammes(programmes: Programmes, persons: number): Promise<DemoProgrammeCounts> {
  const today = todayIso();
  for (const e of demoEnterprises) await programmes.enterprises.register(e, '演示数据：营业执照及统计年报', DEMO_ACTOR);
  for (const i of demoEvaluationInstitutions)
    await programmes.catalogue.change(
      'ADMIT',
      { code: i.code, name: i.name, effectiveOn: i.admittedOn, reason: '演示数据：首批纳入评价目录' },
      DEMO_ACTOR,
    );
  const selections = demoTrainingInstitutionSelections();
  for (const s of selections) await programmes.trainingInstitutions.select(s, DEMO_ACTOR);
  for (const c of demoCompetitions.filter((c) => c.endDate <= today)) await programmes.competitions.record(c, DEMO_ACTOR);
  const contestants = demoContestants(persons).filter((c) => demoCompetitions.find((d) => d.code === c.competitionCode)!.endDate <= today);
  for (const c of contestants) await programmes.competitions.enter(c.competitionCode, c, DEMO_ACTOR);
  const vouchers = demoVouchers(persons).filter((v) => v.training.startDate <= today);
  for (const [n, v] of vouchers.entries()) {
    const voucher = await programmes.vouchers.issue(
      {
        idNumber: v.idNumber,
        name: v.name,
        township: v.township,
        occupation: v.occupation,
        faceValueFen: 150000,
        issuedOn: v.training.startDate,
      },
      DEMO_ACTOR,
    );
    const voucherNo = voucherNoOf(voucher.id);
    // A training the person dropped cannot carry a voucher: that voucher stays issued.
    if (v.training.outcome === 'DROPPED') continue;
    await programmes.vouchers.register(
      voucherNo,
      { idNumber: v.idNumber, programme: v.training.programme, startDate: v.training.startDate },
      DEMO_ACTOR,
    );
    if (v.training.outcome !== 'COMPLETED' || !v.training.endDate) continue;
    await programmes.vouchers.completeTraining(voucherNo, DEMO_ACTOR);
    const evaluatedOn = addDays(v.training.endDate, 7);
    if (evaluatedOn > today) continue;
    // Every fifth evaluation fails: the voucher waits for a retake, as real ones do.
    await programmes.vouchers.evaluate(voucherNo, { institutionCode: 'PJ-JDZX', evaluatedOn, passed: n % 5 !== 4 }, DEMO_ACTOR);
  }
  return {
    enterprises: demoEnterprises.length,
    evaluationInstitutions: demoEvaluationInstitutions.length,
    trainingInstitutionSelections: selections.length,
    competitions: demoCompetitions.filter((c) => c.endDate <= today).length,
    contestants: contestants.length,
    vouchers: vouchers.length,
  };
}
